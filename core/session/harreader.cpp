#include "harreader.h"

#include "harbody.h"
#include "harentryscanner.h"
#include "http/requestparser.h"
#include "mews/textposition.h"
#include "mews/utf8.h"
#include "sessioncolumns.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray utf8(const QJsonValue &value) {
    return value.toString().toUtf8();
}

HeaderList headersOf(const QJsonValue &value) {
    HeaderList headers;
    for (const QJsonValue &entry : value.toArray()) {
        const QJsonObject object = entry.toObject();
        const QByteArray name = utf8(object.value(QStringLiteral("name")));
        if (!name.isEmpty())
            headers.append({name, utf8(object.value(QStringLiteral("value")))});
    }
    return headers;
}

// The header fields exactly as sent, from the request head this app exported: HAR's header
// list is text, so bytes that are not UTF-8 did not survive in it.
std::optional<HeaderList> headersOfHead(const QByteArray &rawHead) {
    const qsizetype lineEnd = rawHead.indexOf('\n');
    if (lineEnd < 0)
        return std::nullopt;
    // Only the fields are wanted: a plain request line stands in for the one sent (whose
    // target may hold bytes the parser refuses); HTTP/1.0 as well, for a head without Host.
    for (const char *line : {"GET / HTTP/1.1\r\n", "GET / HTTP/1.0\r\n"}) {
        RequestParser parser;
        const QByteArray head = line + rawHead.sliced(lineEnd + 1);
        const RequestParser::Result result = parser.parse(head);
        if (result.status == RequestParser::Status::Complete)
            return result.request.headers;
        if (result.status == RequestParser::Status::Incomplete && result.headComplete)
            return parser.request().headers;
    }
    return std::nullopt; // a head the listener refused: keep the HAR's list
}

QByteArray normalisedVersion(const QString &version) {
    const QString lower = version.trimmed().toLower();
    if (lower.isEmpty() || lower == QLatin1String("unknown"))
        return QByteArrayLiteral("HTTP/1.1");
    if (lower == QLatin1String("h2") || lower == QLatin1String("http/2") ||
        lower == QLatin1String("http/2.0"))
        return QByteArrayLiteral("HTTP/2");
    if (lower == QLatin1String("h3") || lower == QLatin1String("http/3") ||
        lower == QLatin1String("http/3.0"))
        return QByteArrayLiteral("HTTP/3");
    return version.trimmed().toUpper().toLatin1();
}

std::optional<Capture> captureOf(const QJsonObject &entry, int index, QStringList *warnings) {
    const QString where = QStringLiteral("entry %1: ").arg(index);
    const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
    const QString method = request.value(QStringLiteral("method")).toString();
    const QString url = request.value(QStringLiteral("url")).toString();
    const QJsonObject own = entry.value(QStringLiteral("_capture")).toObject();
    // This app's own export keeps requests whose request line did not parse (no method).
    if (url.isEmpty() || (method.isEmpty() && !own.contains(QStringLiteral("target")))) {
        warnings->append(where + QStringLiteral("skipped, it has no request method or URL"));
        return std::nullopt;
    }
    Capture c;
    c.origin = CaptureOrigin::HarImport;
    c.method = method.toUtf8();
    const QUrl parsed(url, QUrl::TolerantMode);
    if (url.startsWith(QLatin1Char('/')) || !parsed.isValid() || parsed.scheme().isEmpty()) {
        c.target = url.toUtf8();
    } else {
        c.target = parsed.path(QUrl::FullyEncoded).toUtf8();
        if (c.target.isEmpty())
            c.target = QByteArrayLiteral("/");
        if (parsed.hasQuery())
            c.target += '?' + parsed.query(QUrl::FullyEncoded).toUtf8();
        c.localPort =
            quint16(qMax(0, parsed.port(parsed.scheme() == QLatin1String("https") ? 443 : 80)));
    }
    c.httpVersion = normalisedVersion(request.value(QStringLiteral("httpVersion")).toString());

    QByteArray authority;
    for (const HeaderField &field : headersOf(request.value(QStringLiteral("headers")))) {
        if (field.name.startsWith(':')) {
            if (field.name == ":authority")
                authority = field.value;
            continue; // HTTP/2 pseudo-headers are not header fields
        }
        c.headers.append(field);
    }
    if (c.headerValue("Host").isNull() && own.isEmpty()) {
        // Another tool's HTTP/2 capture: its authority was the Host.
        const QByteArray host = !authority.isEmpty() ? authority
                                : parsed.isValid()   ? parsed.authority().toUtf8()
                                                     : QByteArray();
        if (!host.isEmpty())
            c.headers.prepend({QByteArrayLiteral("Host"), host});
    }

    const QJsonObject postData = request.value(QStringLiteral("postData")).toObject();
    if (!postData.isEmpty()) {
        c.body = postData.value(QStringLiteral("text")).isString()
                     ? HarBody::read(postData, where, "request"_L1, warnings)
                     : HarBody::form(postData.value(QStringLiteral("params")).toArray());
    }
    c.chunked = c.headerValue("Transfer-Encoding").toLower().contains("chunked");

    c.firstByteUtcMs =
        SessionColumns::parseIsoUtc(entry.value(QStringLiteral("startedDateTime")).toString());
    if (c.firstByteUtcMs < 0) {
        warnings->append(where + QStringLiteral("startedDateTime is missing or unreadable"));
        c.firstByteUtcMs = 0;
    }
    const QJsonObject timings = entry.value(QStringLiteral("timings")).toObject();
    const auto nonNegative = [](const QJsonValue &value) {
        return qMax<qint64>(0, qint64(value.toDouble(0)));
    };
    c.completeUtcMs = c.firstByteUtcMs + nonNegative(timings.value(QStringLiteral("send")));

    const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
    // HAR writers put -1 or 0 for "no response"; any status outside 100-999 is no HTTP status,
    // so it is read as no response recorded (responseRecordOf()), as a session file would be.
    // So is one that is no whole number ("200", 200.5), and the note quotes it as written.
    const QJsonValue given = response.value(QStringLiteral("status"));
    const int status = given.toInt(0);
    if (status >= 100 && status <= 999) {
        c.response.status = status;
    } else if (status != 0 || !(given.isUndefined() || given.isNull() || given == 0)) {
        const QByteArray text = QJsonDocument(QJsonArray{given}).toJson(QJsonDocument::Compact);
        warnings->append(where + QStringLiteral("response status %1 is not an HTTP status, read "
                                                "as no response recorded")
                                     .arg(QString::fromUtf8(text.sliced(1, text.size() - 2))));
    }
    c.response.headers = headersOf(response.value(QStringLiteral("headers")));
    c.response.body = HarBody::read(response.value(QStringLiteral("content")).toObject(), where,
                                    "response"_L1, warnings);
    if (entry.contains(QStringLiteral("time")))
        c.response.sentUtcMs = c.firstByteUtcMs + nonNegative(entry.value(QStringLiteral("time")));

    const QString connection = entry.value(QStringLiteral("connection")).toString();
    c.connectionId = connection.toULongLong();

    // This app's own export: restore what HAR has no field for.
    if (!own.isEmpty()) {
        // The target as sent: the URL cannot hold an asterisk or authority form exactly.
        const QJsonValue target = own.value(QStringLiteral("target"));
        if (target.isString())
            c.target = target.toString().toUtf8();
        c.connectionId = quint64(own.value(QStringLiteral("connectionId")).toInteger());
        c.sequence = quint32(own.value(QStringLiteral("sequence")).toInteger());
        c.remoteAddress = own.value(QStringLiteral("remoteAddress")).toString();
        c.remotePort = quint16(own.value(QStringLiteral("remotePort")).toInt());
        c.localPort = quint16(own.value(QStringLiteral("localPort")).toInt(c.localPort));
        c.chunked = own.value(QStringLiteral("chunked")).toBool(c.chunked);
        c.rejection = own.value(QStringLiteral("rejection")).toString();
        const qint64 completed =
            SessionColumns::parseIsoUtc(own.value(QStringLiteral("completedUtc")).toString());
        if (completed >= 0)
            c.completeUtcMs = completed;
        // Written only for a response that went out: the entry's time says nothing then.
        const qint64 responded =
            SessionColumns::parseIsoUtc(own.value(QStringLiteral("respondedUtc")).toString());
        c.response.sentUtcMs = qMax<qint64>(responded, 0);
        auto rawHead = QByteArray::fromBase64Encoding(
            own.value(QStringLiteral("rawHeadBase64")).toString().toLatin1());
        if (rawHead) {
            c.rawHead = *rawHead;
            const std::optional<HeaderList> exact = headersOfHead(c.rawHead);
            if (exact)
                c.headers = *exact;
        }
    }
    if (c.rawHead.isEmpty()) {
        // Rebuild the head as it would have been on the wire.
        c.rawHead =
            c.method + ' ' + c.target + ' ' +
            (c.httpVersion.startsWith("HTTP/1") ? c.httpVersion : QByteArrayLiteral("HTTP/1.1")) +
            "\r\n";
        for (const HeaderField &field : std::as_const(c.headers))
            c.rawHead += field.name + ": " + field.value + "\r\n";
        c.rawHead += "\r\n";
    }
    return c;
}

} // namespace

std::optional<HarReader::Summary> HarReader::read(QByteArrayView json, const Sink &sink,
                                                  QString *error) {
    HarEntryScanner scanner(json);
    QString reason;
    if (!scanner.start(&reason)) {
        if (error)
            *error = QStringLiteral("Not a HAR file: ") + reason;
        return std::nullopt;
    }
    Summary summary;
    QList<Capture> batch;
    auto hand = [&] {
        summary.captures += batch.size();
        const bool taken = sink(batch, error);
        batch.clear();
        return taken;
    };
    QByteArrayView bytes;
    qsizetype offset = 0;
    int index = 0;
    QString firstUtf8Error; // where the first entry that is not UTF-8 is
    qsizetype masked = 0;   // entries this app exported with their secrets masked
    for (; scanner.next(&bytes, &offset); ++index) {
        if (!bytes.startsWith('{')) {
            summary.warnings.append(
                QStringLiteral("entry %1: skipped, it is not an object").arg(index));
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument entry = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
        if (parseError.error == QJsonParseError::IllegalUTF8String) {
            // JSON is UTF-8 (RFC 8259 §8.1): the file is not a HAR file as written, and
            // Qt's "invalid UTF8 string" neither says so nor names the byte.
            const qsizetype invalid = Utf8::firstInvalid(bytes);
            const qsizetype at = offset + (invalid >= 0 ? invalid : parseError.offset);
            const TextPosition position = TextPosition::at(json, at);
            const QString where = QStringLiteral("byte %1 (0x%2, line %3, column %4, in entry %5)")
                                      .arg(at)
                                      .arg(quint8(json[at]), 2, 16, QLatin1Char('0'))
                                      .arg(position.line)
                                      .arg(position.column)
                                      .arg(index);
            if (firstUtf8Error.isEmpty())
                firstUtf8Error = where;
            summary.warnings.append(
                QStringLiteral("entry %1: skipped, it is not valid UTF-8 at %2; a HAR file is "
                               "JSON, which must be UTF-8")
                    .arg(index)
                    .arg(where));
            continue;
        }
        if (parseError.error != QJsonParseError::NoError) {
            summary.warnings.append(QStringLiteral("entry %1: skipped, %2 at byte %3")
                                        .arg(index)
                                        .arg(parseError.errorString())
                                        .arg(offset + parseError.offset));
            continue;
        }
        const QJsonObject object = entry.object();
        if (std::optional<Capture> capture = captureOf(object, index, &summary.warnings)) {
            batch.append(*capture);
            masked += object.value(QLatin1String("_capture"))
                          .toObject()
                          .value(QLatin1String("secretsMasked"))
                          .toBool();
        }
        if (batch.size() >= BatchSize && !hand())
            return std::nullopt;
    }
    if (!batch.isEmpty() && !hand())
        return std::nullopt;
    if (index > 0 && summary.captures == 0 && !firstUtf8Error.isEmpty()) {
        if (error) {
            *error = QStringLiteral("Not valid UTF-8 at %1: a HAR file is JSON, which must be "
                                    "UTF-8; none of its %2 entries could be read")
                         .arg(firstUtf8Error)
                         .arg(index);
        }
        return std::nullopt;
    }
    if (masked > 0) {
        summary.warnings.append(
            QStringLiteral("%1 exported with secrets masked: their tokens and API keys are "
                           "not the real ones, so Resend and Copy as cURL send the masked values")
                .arg(masked == summary.captures ? QStringLiteral("every request was")
                     : masked == 1
                         ? QStringLiteral("1 of the %1 requests was").arg(summary.captures)
                         : QStringLiteral("%1 of the %2 requests were")
                               .arg(masked)
                               .arg(summary.captures)));
    }
    if (index > 0 && summary.captures == 0) {
        if (error) {
            *error = QStringLiteral("Not a HAR file: none of its %1 entries has a request (%2)")
                         .arg(index)
                         .arg(summary.warnings.value(0));
        }
        return std::nullopt;
    }
    return summary;
}

std::optional<HarReader::Summary> HarReader::readFile(const QString &path, const Sink &sink,
                                                      QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // Mapped, not read: the pages are the file's own, and only the entry being parsed
    // is copied.
    QByteArray copy;
    QByteArrayView json;
    if (file.size() > 0) {
        if (const uchar *mapped = file.map(0, file.size()))
            json = QByteArrayView(mapped, file.size());
        else
            json = copy = file.readAll();
    }
    std::optional<Summary> result = read(json, sink, error);
    if (!result && error &&
        (error->startsWith(QLatin1String("Not a HAR file")) ||
         error->startsWith(QLatin1String("Not valid UTF-8"))))
        *error = path + QStringLiteral(": ") + *error;
    return result;
}

namespace {

HarReader::Sink collectInto(HarImport &import) {
    return [&import](QList<Capture> &batch, QString *) {
        import.captures.append(batch);
        return true;
    };
}

} // namespace

std::optional<HarImport> HarReader::read(const QByteArray &json, QString *error) {
    HarImport import;
    std::optional<Summary> summary = read(QByteArrayView(json), collectInto(import), error);
    if (!summary)
        return std::nullopt;
    import.warnings = summary->warnings;
    return import;
}

std::optional<HarImport> HarReader::readFile(const QString &path, QString *error) {
    HarImport import;
    std::optional<Summary> summary = readFile(path, collectInto(import), error);
    if (!summary)
        return std::nullopt;
    import.warnings = summary->warnings;
    return import;
}
