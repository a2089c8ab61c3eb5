#include "entitykey.h"

#include "text/guidtext.h"

#include <cstring>

namespace EntityKey {

bool packGuid(QByteArrayView text, EventIndexRow &row) {
    std::array<quint8, 16> bytes{};
    GuidText::Case letterCase = GuidText::NoLetters;
    if (!GuidText::unpack(text, reinterpret_cast<unsigned char *>(bytes.data()), &letterCase) ||
        letterCase == GuidText::Mixed)
        return false;
    row.entity = bytes;
    row.entityIsGuid = 1;
    row.entityUpperCase = letterCase == GuidText::Upper ? 1 : 0;
    return true;
}

QString guidText(const EventIndexRow &row) {
    const char *digits = row.entityUpperCase ? "0123456789ABCDEF" : "0123456789abcdef";
    QString id(36, Qt::Uninitialized);
    qsizetype at = 0;
    for (int byte = 0; byte < 16; ++byte) {
        if (byte == 4 || byte == 6 || byte == 8 || byte == 10)
            id[at++] = QLatin1Char('-');
        id[at++] = QLatin1Char(digits[row.entity[byte] >> 4]);
        id[at++] = QLatin1Char(digits[row.entity[byte] & 0xf]);
    }
    return id;
}

void setString(EventIndexRow &row, quint32 string) {
    row.entity = {};
    row.entityIsGuid = 0;
    row.entityUpperCase = 0;
    std::memcpy(row.entity.data(), &string, sizeof string);
}

quint32 string(const EventIndexRow &row) {
    quint32 string = 0;
    std::memcpy(&string, row.entity.data(), sizeof string);
    return string;
}

bool same(const EventIndexRow &a, const EventIndexRow &b) {
    return a.entityIsGuid == b.entityIsGuid && a.entityUpperCase == b.entityUpperCase &&
           a.entity == b.entity;
}

} // namespace EntityKey
