#include "rawtext.h"

#include "mews/secrets.h"
#include "models/jsonformatter.h"
#include "text/countedtext.h"

#include <QLocale>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace {

QString sizeText(qsizetype bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString decodeHead(QByteArrayView head) {
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(head);
    if (utf8.hasError())
        text = QString::fromLatin1(head);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text;
}

} // namespace

bool RawText::looksBinary(QByteArrayView bytes) {
    const QByteArrayView sample = bytes.first(qMin<qsizetype>(bytes.size(), 64 * 1024));
    qsizetype control = 0;
    for (const char c : sample) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0)
            return true;
        if (u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f')
            ++control;
    }
    return control * 20 > sample.size(); // more than 5 % control bytes
}

QString RawText::hexDump(QByteArrayView bytes) {
    static const char Hex[] = "0123456789abcdef";
    QString out;
    out.reserve((bytes.size() / 16 + 1) * 80);
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                const auto u = static_cast<unsigned char>(bytes.at(i));
                out += QLatin1Char(Hex[u >> 4]);
                out += QLatin1Char(Hex[u & 0xf]);
                out += QLatin1Char(' ');
                ascii += u >= 0x20 && u < 0x7f ? QLatin1Char(char(u)) : QLatin1Char('.');
            } else {
                out += QLatin1String("   ");
            }
            if (i == line + 7)
                out += QLatin1Char(' ');
        }
        out += u'|' + ascii + QLatin1String("|\n");
    }
    return out;
}

RawText RawText::build(const AnalysedCapture &analysed, bool revealed, bool pretty) {
    // The body the analysis read: with its Content-Encoding taken off.
    return build(analysed, ContentCoding::decode(analysed.capture), revealed, pretty);
}

RawText RawText::build(const AnalysedCapture &analysed, const DecodedContent &content,
                       bool revealed, bool pretty) {
    const Capture &capture = analysed.capture;
    const MewsAnalysis &analysis = analysed.analysis;
    RawText raw;
    const QString head =
        decodeHead(revealed ? capture.rawHead : Secrets::maskUrls(capture.rawHead));
    raw.text = head;
    raw.bodyFirstLine = int(head.count(u'\n'));
    if (capture.chunked) {
        // The head is as received; the body is the message, not the bytes of its framing.
        QString notice = QStringLiteral("The body arrived in chunks (Transfer-Encoding: "
                                        "chunked); it is shown joined, without the chunk "
                                        "framing.");
        if (!capture.trailers.isEmpty())
            notice += u' ' +
                      CountedText::localized(capture.trailers.size(), "trailer field"_L1,
                                             "trailer fields"_L1) +
                      QStringLiteral(" followed it (see Headers).");
        raw.notices.append(notice);
    }
    if (capture.body.isEmpty()) {
        raw.notices.append(QStringLiteral("The request has no body."));
        return raw;
    }

    const QByteArray &decoded = content.bytes;
    const QString coding =
        QStringLiteral("Content-Encoding: ") + QString::fromLatin1(content.codings);
    if (content.outcome == DecodedContent::Outcome::Decoded) {
        raw.notices.append(
            QStringLiteral("The body arrived with %1 (%2); it is shown "
                           "decompressed (%3).")
                .arg(coding, sizeText(capture.body.size()), sizeText(decoded.size())));
    } else if (content.outcome == DecodedContent::Outcome::StoredDecoded) {
        raw.notices.append(QStringLiteral("The request names %1, but %2; it is shown as stored.")
                               .arg(coding, content.problem));
    } else if (content.isCoded()) {
        raw.notices.append(
            QStringLiteral("The body arrived with %1 and is shown as it arrived: %2.")
                .arg(coding, content.problem));
    }
    const QByteArray body = revealed ? decoded : Secrets::maskBody(decoded);
    const bool validJson = analysis.kind == WebhookKind::Integration ||
                           analysis.kind == WebhookKind::General ||
                           analysis.kind == WebhookKind::OtherJson;
    raw.prettyAvailable = validJson && decoded.size() <= MaxFormattedBytes;
    raw.highlight = decoded.size() <= MaxFormattedBytes;
    if (!raw.highlight) {
        raw.notices.append(
            QStringLiteral("The body is %1, so it is shown without highlighting or indenting.")
                .arg(sizeText(decoded.size())));
    }

    if (looksBinary(body)) {
        raw.form = BodyForm::HexDump;
        raw.highlight = false;
        raw.prettyAvailable = false;
        raw.cut = body.size() > MaxDumpedBytes;
        raw.text += hexDump(QByteArrayView(body).first(qMin(body.size(), MaxDumpedBytes)));
        raw.notices.append(QStringLiteral("The body looks binary; it is shown as a hex dump."));
        if (raw.cut)
            raw.notices.append(QStringLiteral("Showing the first %1 of %2.")
                                   .arg(sizeText(MaxDumpedBytes), sizeText(body.size())));
        return raw;
    }

    raw.pretty = pretty && raw.prettyAvailable;
    const QByteArray shown = raw.pretty ? JsonFormatter::indent(body) : body;
    raw.cut = shown.size() > MaxShownBytes;
    qsizetype length = qMin(shown.size(), MaxShownBytes);
    // Cut before a UTF-8 continuation byte, not in the middle of a character.
    for (int back = 0; raw.cut && back < 3 && length > 0 &&
                       (static_cast<unsigned char>(shown.at(length)) & 0xc0) == 0x80;
         ++back)
        --length;
    const QByteArrayView part = QByteArrayView(shown).first(length);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(part);
    raw.form = BodyForm::Utf8;
    if (utf8.hasError()) {
        raw.form = BodyForm::Latin1;
        text = QString::fromLatin1(part);
        raw.notices.append(QStringLiteral("The body is not valid UTF-8; it is shown as Latin-1, "
                                          "one character per byte."));
    }
    raw.text += text;
    if (raw.cut)
        raw.notices.append(QStringLiteral("Showing the first %1 of %2.")
                               .arg(sizeText(part.size()), sizeText(shown.size())));

    const JsonError &error = analysis.jsonError;
    if (!raw.pretty && error.isValid() && error.offset <= decoded.size()) {
        // Where the error is in the text shown: masking may have changed lengths
        // before it, so measure the masked prefix.
        const QByteArray prefix = decoded.first(error.offset);
        const QByteArray shownPrefix = revealed ? prefix : Secrets::maskBody(prefix);
        if (shownPrefix.size() <= part.size()) {
            raw.errorPosition = head.size() + (raw.form == BodyForm::Latin1
                                                   ? shownPrefix.size()
                                                   : QString::fromUtf8(shownPrefix).size());
        }
        raw.errorText = (error.tooDeep ? QStringLiteral("Not decoded: %1 at line %2, column %3 "
                                                        "(byte %4). It may well be valid JSON.")
                                       : QStringLiteral("Not valid JSON: %1 at line %2, column %3 "
                                                        "(byte %4)."))
                            .arg(error.message)
                            .arg(error.line)
                            .arg(error.column)
                            .arg(error.offset);
    }
    return raw;
}
