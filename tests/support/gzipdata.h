#pragma once

#include <QByteArray>

#include <zlib.h>

/// Compressed test bodies, made with zlib as a sender would make them.
namespace GzipData {

/// body compressed as windowBits says: 16 + MAX_WBITS gzip, MAX_WBITS zlib ("deflate"),
/// -MAX_WBITS a raw deflate stream.
inline QByteArray compressed(const QByteArray &body, int windowBits = 16 + MAX_WBITS) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(body.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.data()));
    stream.avail_in = uInt(body.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(out.size() - qsizetype(stream.avail_out));
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? out : QByteArray();
}

} // namespace GzipData
