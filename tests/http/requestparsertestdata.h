#pragma once

// Shared by the RequestParser tests (tst_requestparser, tst_requestparserrejections).

#include "http/requestparser.h"

#include <QList>
#include <QTest>

namespace RequestParserTestData {

using Status = RequestParser::Status;
using Limits = RequestParser::Limits;

// One result a caller acts on: a complete request, an error, or what was left incomplete.
struct Outcome {
    Status status = Status::Incomplete;
    HttpRequest request;
    int errorStatus = 0;
    QByteArray errorReason;
    qsizetype consumed = 0; // bytes consumed from the start of the input up to this outcome

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

// Feeds input in pieces of `piece` bytes (split points after `splits` when given), dropping
// consumed bytes as a connection does, and returns every outcome in order.
inline QList<Outcome> run(const QByteArray &input, const QList<qsizetype> &splits,
                          const Limits &limits = Limits()) {
    RequestParser parser(limits);
    QList<Outcome> outcomes;
    QByteArray buffer;
    qsizetype consumedTotal = 0;
    qsizetype offset = 0;
    qsizetype nextSplit = 0;
    for (;;) {
        const bool more = offset < input.size();
        if (more) {
            const qsizetype end = nextSplit < splits.size() ? splits[nextSplit++] : input.size();
            buffer.append(input.mid(offset, end - offset));
            offset = end;
        }
        for (;;) {
            RequestParser::Result result = parser.parse(buffer);
            buffer.remove(0, result.consumed);
            consumedTotal += result.consumed;
            if (result.status == Status::Incomplete)
                break;
            outcomes.append({result.status, result.request, result.errorStatus, result.errorReason,
                             consumedTotal});
            if (result.status == Status::Error)
                return outcomes;
        }
        if (!more) {
            if (!buffer.isEmpty() || !parser.isIdle())
                outcomes.append({Status::Incomplete, parser.request(), 0, {}, consumedTotal});
            return outcomes;
        }
    }
}

inline QList<qsizetype> everyBytes(qsizetype size, qsizetype step) {
    QList<qsizetype> splits;
    for (qsizetype at = step; at < size; at += step)
        splits.append(at);
    return splits;
}

inline QList<Outcome> runWhole(const QByteArray &input, const Limits &limits = Limits()) {
    return run(input, {}, limits);
}

// The same input must give the same outcomes whole, byte by byte, and split anywhere in two.
inline void verifySplitIndependence(const QByteArray &input, const Limits &limits = Limits()) {
    const QList<Outcome> whole = runWhole(input, limits);
    QVERIFY(!whole.isEmpty());
    const QList<Outcome> bytewise = run(input, everyBytes(input.size(), 1), limits);
    QVERIFY2(bytewise == whole, "byte-by-byte feeding differs from feeding at once");
    for (qsizetype at = 1; at < input.size(); ++at) {
        const QList<Outcome> split = run(input, {at}, limits);
        QVERIFY2(split == whole, qPrintable(QStringLiteral("split at %1 differs").arg(at)));
    }
}

inline Limits smallLimits() {
    Limits limits;
    limits.maxHeadBytes = 256;
    limits.maxTargetBytes = 32;
    limits.maxBodyBytes = 64;
    return limits;
}

} // namespace RequestParserTestData
