#include "secretname.h"

namespace SecretName {

namespace {

bool isSeparator(char16_t c) {
    return c == u'_' || c == u'-';
}

} // namespace

QString folded(QStringView name) {
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.isSpace() || c.category() == QChar::Other_Format || isSeparator(c.unicode()))
            continue;
        out += c;
    }
    return out.toCaseFolded();
}

bool foldAscii(QByteArrayView raw, QVarLengthArray<char, 32> *out) {
    out->clear();
    for (const char c : raw) {
        if (static_cast<unsigned char>(c) > 0x7F || c == '\\')
            return false;
        // ASCII white space as QChar::isSpace() counts it: \t \n \v \f \r and space.
        if (c == ' ' || (c >= '\t' && c <= '\r') || isSeparator(char16_t(c)))
            continue;
        out->append(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
    }
    return true;
}

} // namespace SecretName
