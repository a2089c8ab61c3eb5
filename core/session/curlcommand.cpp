#include "curlcommand.h"

#include "mews/secrets.h"
#include "sqlitedatabase.h"

namespace {

bool hasHeader(const HeaderList &headers, QByteArrayView name) {
    for (const HeaderField &field : headers) {
        if (name.compare(field.name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

/// Whether curl sends this target unchanged when it is part of the URL.
bool plainOriginForm(QByteArrayView target) {
    if (!target.startsWith('/'))
        return false;
    for (char c : target) {
        const auto byte = uchar(c);
        if (byte <= 0x20 || byte >= 0x7f || c == '#' || c == '\\')
            return false;
    }
    return true;
}

} // namespace

QByteArray CurlCommand::shellQuote(QByteArrayView text) {
    QByteArray quoted;
    quoted.reserve(text.size() + 2);
    quoted += '\'';
    for (char c : text) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    quoted += '\'';
    return quoted;
}

QByteArray CurlCommand::shellWord(QByteArrayView bytes) {
    if (isValidUtf8(bytes.toByteArray()))
        return shellQuote(bytes);
    // Keeps the command valid UTF-8 (it goes through the clipboard as text).
    return "\"$(printf " + printfFormat(bytes) + ")\"";
}

QByteArray CurlCommand::printfFormat(QByteArrayView bytes) {
    QByteArray format;
    format.reserve(bytes.size() + 2);
    format += '\'';
    for (char c : bytes) {
        const auto byte = uchar(c);
        if (c == '\\') {
            format += "\\\\";
        } else if (c == '%') {
            format += "%%";
        } else if (c == '\'') {
            format += "'\\''";
        } else if (byte >= 0x20 && byte < 0x7f) {
            format += c;
        } else {
            format += '\\';
            format += char('0' + ((byte >> 6) & 7));
            format += char('0' + ((byte >> 3) & 7));
            format += char('0' + (byte & 7));
        }
    }
    format += '\'';
    return format;
}

QByteArray CurlCommand::build(const Capture &capture, const Options &options) {
    const QByteArray target =
        options.revealSecrets ? capture.target : Secrets::maskTarget(capture.target);
    const QByteArray body = options.revealSecrets ? capture.body : Secrets::maskBody(capture.body);
    QByteArray base = options.baseUrl.toUtf8();
    while (base.endsWith('/'))
        base.chop(1);

    QByteArray command;
    if (!body.isEmpty()) {
        if (!body.contains('\0') && isValidUtf8(body))
            command += "printf '%s' " + shellQuote(body) + " | ";
        else
            command += "printf " + printfFormat(body) + " | ";
    }
    command += "curl --silent --show-error --globoff --path-as-is";
    command += capture.httpVersion == "HTTP/1.0" ? " --http1.0" : " --http1.1";
    command += " --request " + shellWord(capture.method);
    if (plainOriginForm(target)) {
        command += ' ' + shellQuote(QByteArray(base + target));
    } else {
        command += ' ' + shellQuote(QByteArray(base + '/'));
        command += " --request-target " + shellWord(target);
    }
    // The masked body is what gets sent, so Content-Length gives its size.
    HeaderList headers =
        options.revealSecrets
            ? capture.headers
            : Secrets::maskHeaders(capture.headers, capture.body.size(), body.size());
    // So does an imported capture's, whose HAR file holds the body decompressed under the
    // compressed size: sent as it is, it cuts the body short and leaves the rest to be read
    // as a next request.
    const QByteArray bodySize = QByteArray::number(body.size());
    for (HeaderField &field : headers) {
        if (field.name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            field.value = bodySize;
    }
    for (const HeaderField &field : headers) {
        const QByteArray &value = field.value;
        // curl's syntax for a header with an empty value is "Name;".
        command +=
            " \\\n  --header " + shellWord(value.isEmpty() ? QByteArray(field.name + ';')
                                                           : QByteArray(field.name + ": " + value));
    }
    // Headers curl would add on its own; an empty value tells it not to.
    QList<QByteArrayView> suppress{"Host", "User-Agent", "Accept", "Expect"};
    if (!body.isEmpty())
        suppress.append("Content-Type");
    for (QByteArrayView name : suppress) {
        if (!hasHeader(capture.headers, name))
            command += " \\\n  --header " + shellQuote(QByteArray(name.toByteArray() + ':'));
    }
    if (!body.isEmpty())
        command += " \\\n  --data-binary @-";
    return command;
}
