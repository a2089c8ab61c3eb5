// libFuzzer target for RequestParser: the same bytes fed at once, split in two at a point
// taken from the input, and (for short inputs) byte by byte must give identical results,
// and every result must respect the limits.

#include "http/requestparser.h"

#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using Limits = RequestParser::Limits;
using Status = RequestParser::Status;

struct Outcome {
    Status status = Status::Incomplete;
    HttpRequest request;
    int errorStatus = 0;
    QByteArray errorReason;
    qsizetype consumed = 0;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

[[noreturn]] void fail(const char *what) {
    std::fprintf(stderr, "fuzz_requestparser: %s\n", what);
    std::abort();
}

void check(const Outcome &outcome, const Limits &limits, qsizetype inputSize) {
    if (outcome.consumed > inputSize)
        fail("consumed more than the input");
    if (outcome.request.rawHead.size() > limits.maxHeadBytes)
        fail("raw head over the head limit");
    if (outcome.request.body.size() > limits.maxBodyBytes)
        fail("body over the body limit");
    if (outcome.status == Status::Complete) {
        if (outcome.request.method.isEmpty() || outcome.request.target.isEmpty() ||
            outcome.request.target.size() > limits.maxTargetBytes)
            fail("complete request without method or with a bad target");
        if (outcome.request.version != "HTTP/1.1" && outcome.request.version != "HTTP/1.0")
            fail("complete request with an unsupported version");
    }
    if (outcome.status == Status::Error) {
        switch (outcome.errorStatus) {
        case 400:
        case 413:
        case 414:
        case 431:
        case 501:
        case 505:
            break;
        default:
            fail("unexpected error status");
        }
        if (outcome.errorReason.isEmpty())
            fail("error without a reason");
    }
}

QList<Outcome> run(QByteArrayView input, const QList<qsizetype> &splits, const Limits &limits) {
    RequestParser parser(limits);
    QList<Outcome> outcomes;
    QByteArray buffer;
    qsizetype consumed = 0;
    qsizetype offset = 0;
    qsizetype nextSplit = 0;
    for (;;) {
        const bool more = offset < input.size();
        if (more) {
            const qsizetype end = nextSplit < splits.size() ? splits[nextSplit++] : input.size();
            buffer.append(input.sliced(offset, end - offset));
            offset = end;
        }
        for (;;) {
            RequestParser::Result result = parser.parse(buffer);
            if (result.consumed < 0 || result.consumed > buffer.size())
                fail("consumed outside the buffer");
            buffer.remove(0, result.consumed);
            consumed += result.consumed;
            if (result.status == Status::Incomplete)
                break;
            outcomes.append(
                {result.status, result.request, result.errorStatus, result.errorReason, consumed});
            check(outcomes.back(), limits, input.size());
            if (result.status == Status::Error)
                return outcomes;
        }
        if (!more)
            return outcomes;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2)
        return 0;
    // byte 0: where to split; byte 1: which limits; the rest: what a client sent
    const int splitChoice = data[0];
    Limits limits;
    if (data[1] & 1) {
        limits.maxHeadBytes = 64 + (data[1] >> 1);
        limits.maxTargetBytes = 1 + (data[1] >> 3);
        limits.maxBodyBytes = data[1] >> 2;
    }
    const QByteArrayView input(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    const QList<Outcome> whole = run(input, {}, limits);
    if (!input.isEmpty()) {
        const qsizetype at = qMax<qsizetype>(1, (splitChoice * input.size()) / 256);
        if (at < input.size() && run(input, {at}, limits) != whole)
            fail("splitting the input in two changed the result");
    }
    if (input.size() <= 512) {
        QList<qsizetype> everyByte;
        for (qsizetype at = 1; at < input.size(); ++at)
            everyByte.append(at);
        if (run(input, everyByte, limits) != whole)
            fail("feeding byte by byte changed the result");
    }
    return 0;
}
