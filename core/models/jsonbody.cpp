#include "jsonbody.h"

#include "mews/bodysniffer.h"
#include "mews/lenientjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

// QJsonDocument accepts raw control characters inside strings; RFC 8259 does not.
bool hasRawControlCharacterInString(QByteArrayView text) {
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text.at(i));
        if (!inString)
            inString = c == '"';
        else if (c == '\\')
            ++i;
        else if (c == '"')
            inString = false;
        else if (c < 0x20)
            return true;
    }
    return false;
}

} // namespace

JsonBody JsonBody::read(const QByteArray &body, QByteArrayView contentType) {
    JsonBody result;
    if (!BodySniffer::sniff(body, contentType).jsonLike)
        return result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && !hasRawControlCharacterInString(body)) {
        result.form = Form::Strict;
        result.root =
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        result.complete = true;
        return result;
    }
    const LenientJsonResult lenient = LenientJson::parse(body);
    if (lenient.isStrict()) {
        // A bare scalar, or a number beyond the range of a double: valid, just not for Qt.
        result.form = Form::Strict;
        result.root = lenient.value;
        result.complete = true;
        result.numberTexts = lenient.numberTexts;
        return result;
    }
    // A failed read that got no object or array open has nothing to browse.
    if (!lenient.value.isObject() && !lenient.value.isArray())
        return result;
    result.form = Form::Lenient;
    result.root = lenient.value;
    result.error = lenient.firstProblem();
    result.complete = lenient.ok;
    result.repairCount = lenient.repairCount;
    result.numberTexts = lenient.numberTexts;
    return result;
}
