// libFuzzer target for ContentCoding: the first byte picks the codings the body is said to
// have, the rest is the body. Whatever the bytes, decoding ends, stays within its limit,
// and what is not decoded is the body exactly as it came.

#include "http/contentcoding.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what) {
    std::fprintf(stderr, "fuzz_contentcoding: %s\n", what);
    std::abort();
}

constexpr qsizetype Limit = 1024 * 1024;
const char *const Codings[] = {"gzip", "deflate", "deflate, gzip", "x-gzip, identity", "br"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    const char *coding = Codings[data[0] % (sizeof Codings / sizeof *Codings)];
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const DecodedContent content = ContentCoding::decode(body, coding, Limit);
    if (content.bytes.size() > Limit && content.outcome == DecodedContent::Outcome::Decoded)
        fail("decoded past the limit");
    switch (content.outcome) {
    case DecodedContent::Outcome::Decoded:
        if (!content.problem.isEmpty())
            fail("decoded, with a problem");
        break;
    case DecodedContent::Outcome::Identity:
        if (!body.isEmpty())
            fail("a coded body left as identity");
        [[fallthrough]];
    case DecodedContent::Outcome::Unsupported:
    case DecodedContent::Outcome::Failed:
    case DecodedContent::Outcome::TooLarge:
        if (content.bytes != body)
            fail("a body not decoded is not the body as it came");
        if (content.outcome != DecodedContent::Outcome::Identity && content.problem.isEmpty())
            fail("no problem given");
        break;
    case DecodedContent::Outcome::StoredDecoded:
        fail("read as stored, which only an imported capture's body is");
        break;
    }
    return 0;
}
