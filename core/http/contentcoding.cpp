#include "contentcoding.h"

#include <QScopeGuard>
#include <QUtf8StringView>

#include <zlib.h>

#include <limits>

namespace {

enum class Format : quint8 { Gzip, Zlib, RawDeflate };

struct Inflated {
    bool ok = false;
    bool tooLarge = false;
    QByteArray bytes;
    QString problem;
};

int windowBitsOf(Format format) {
    switch (format) {
    case Format::Gzip:
        return 16 + MAX_WBITS;
    case Format::Zlib:
        return MAX_WBITS;
    case Format::RawDeflate:
        break;
    }
    return -MAX_WBITS;
}

// Inflates all of `in`, growing the output in steps and never past maxSize + 1 bytes.
Inflated inflateAll(QByteArrayView in, Format format, qsizetype maxSize) {
    Inflated result;
    z_stream stream{};
    if (inflateInit2(&stream, windowBitsOf(format)) != Z_OK) {
        result.problem = QStringLiteral("zlib could not start");
        return result;
    }
    const auto end = qScopeGuard([&stream] { inflateEnd(&stream); });
    constexpr qsizetype MaxStep = std::numeric_limits<uInt>::max();
    QByteArray out(qMin(in.size() * 4 + 4096, maxSize + 1), Qt::Uninitialized);
    qsizetype consumed = 0;
    qsizetype produced = 0;
    for (;;) {
        if (produced == out.size()) {
            if (produced > maxSize) {
                result.tooLarge = true;
                return result;
            }
            out.resize(qMin(out.size() * 2, maxSize + 1));
        }
        const qsizetype inStep = qMin(in.size() - consumed, MaxStep);
        const qsizetype outStep = qMin(out.size() - produced, MaxStep);
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data() + consumed));
        stream.avail_in = uInt(inStep);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        stream.avail_out = uInt(outStep);
        const int rc = inflate(&stream, Z_NO_FLUSH);
        consumed += inStep - stream.avail_in;
        produced += outStep - stream.avail_out;
        if (produced > maxSize) {
            result.tooLarge = true;
            return result;
        }
        if (rc == Z_STREAM_END) {
            if (consumed == in.size())
                break;
            // RFC 1952 §2.2: a gzip file is a series of members.
            if (format == Format::Gzip && in.sliced(consumed).startsWith("\x1f\x8b")) {
                inflateReset(&stream);
                continue;
            }
            result.problem = QStringLiteral("%1 bytes follow the end of the compressed data")
                                 .arg(in.size() - consumed);
            return result;
        }
        if (rc == Z_OK || rc == Z_BUF_ERROR) {
            if (consumed == in.size() && produced < out.size()) {
                result.problem =
                    QStringLiteral("the compressed data ends early, after %1 bytes").arg(in.size());
                return result;
            }
            continue;
        }
        result.problem = stream.msg != nullptr ? QString::fromLatin1(stream.msg)
                                               : QStringLiteral("zlib error %1").arg(rc);
        return result;
    }
    out.truncate(produced);
    result.ok = true;
    result.bytes = std::move(out);
    return result;
}

// RFC 9110 §8.4.1.2: "deflate" is the zlib format, but some senders write a raw
// deflate stream; read that too when the zlib header is not there.
Inflated inflateDeflate(QByteArrayView in, qsizetype maxSize) {
    Inflated zlib = inflateAll(in, Format::Zlib, maxSize);
    if (zlib.ok || zlib.tooLarge)
        return zlib;
    Inflated raw = inflateAll(in, Format::RawDeflate, maxSize);
    return raw.ok || raw.tooLarge ? raw : zlib;
}

QList<QByteArray> codingsOf(QByteArrayView contentEncoding) {
    QList<QByteArray> codings;
    for (const QByteArray &part : contentEncoding.toByteArray().split(',')) {
        const QByteArray coding = part.trimmed().toLower();
        if (!coding.isEmpty() && coding != "identity")
            codings.append(coding);
    }
    return codings;
}

// Every Content-Encoding field of the capture, joined as one list (RFC 9110 §5.3).
QByteArray contentEncodingOf(const Capture &capture) {
    QByteArray contentEncoding;
    for (const HeaderField &field : capture.headers) {
        if (field.name.compare("Content-Encoding", Qt::CaseInsensitive) != 0)
            continue;
        if (!contentEncoding.isEmpty())
            contentEncoding += ", ";
        contentEncoding += field.value.trimmed();
    }
    return contentEncoding;
}

} // namespace

DecodedContent ContentCoding::decode(const QByteArray &body, QByteArrayView contentEncoding,
                                     qsizetype maxSize) {
    DecodedContent content;
    content.bytes = body;
    content.codings = contentEncoding.trimmed().toByteArray();
    const QList<QByteArray> codings = codingsOf(contentEncoding);
    if (codings.isEmpty() || body.isEmpty())
        return content;

    QByteArray bytes = body;
    // Listed in the order they were applied, so taken off from the last.
    for (auto coding = codings.crbegin(); coding != codings.crend(); ++coding) {
        Inflated inflated;
        if (*coding == "gzip" || *coding == "x-gzip") {
            inflated = inflateAll(bytes, Format::Gzip, maxSize);
        } else if (*coding == "deflate") {
            inflated = inflateDeflate(bytes, maxSize);
        } else {
            content.outcome = DecodedContent::Outcome::Unsupported;
            content.problem = QStringLiteral("this inspector does not decode the %1 coding (it "
                                             "decodes gzip and deflate)")
                                  .arg(QString::fromLatin1(*coding));
            return content;
        }
        if (inflated.tooLarge) {
            content.outcome = DecodedContent::Outcome::TooLarge;
            content.problem =
                QStringLiteral("it decompresses to more than %1 MiB").arg(maxSize / (1024 * 1024));
            return content;
        }
        if (!inflated.ok) {
            content.outcome = DecodedContent::Outcome::Failed;
            content.problem = QStringLiteral("it is not valid %1 data (%2)")
                                  .arg(QString::fromLatin1(*coding), inflated.problem);
            return content;
        }
        bytes = std::move(inflated.bytes);
    }
    content.outcome = DecodedContent::Outcome::Decoded;
    content.bytes = bytes;
    return content;
}

bool ContentCoding::namesCoding(const Capture &capture) {
    return !capture.body.isEmpty() && !codingsOf(contentEncodingOf(capture)).isEmpty();
}

DecodedContent ContentCoding::decode(const Capture &capture, qsizetype maxSize) {
    DecodedContent content = decode(capture.body, contentEncodingOf(capture), maxSize);
    // A HAR file has only text for a body, and mitmproxy's HAR export writes a request's
    // text decompressed while it keeps the request's Content-Encoding field. Compressed
    // data is in practice never valid UTF-8 (a gzip stream's second byte, 0x8B, cannot
    // follow its first), so imported text that does not decode is the content itself.
    using Outcome = DecodedContent::Outcome;
    if (capture.origin == CaptureOrigin::HarImport &&
        (content.outcome == Outcome::Failed || content.outcome == Outcome::Unsupported) &&
        QUtf8StringView(capture.body).isValidUtf8()) {
        content.outcome = Outcome::StoredDecoded;
        content.problem = QStringLiteral("the HAR file it was imported from holds the body "
                                         "decompressed, as mitmproxy's HAR export writes it");
    }
    return content;
}

QString ContentCoding::replayWarning(const Capture &capture) {
    if (capture.origin != CaptureOrigin::HarImport || !namesCoding(capture))
        return {};
    const DecodedContent content = decode(capture);
    if (content.outcome != DecodedContent::Outcome::StoredDecoded)
        return {};
    return QStringLiteral("Its body is the decompressed text its HAR file holds, but its "
                          "Content-Encoding field still says %1, so the receiver will try to "
                          "decompress it.")
        .arg(QString::fromLatin1(content.codings));
}
