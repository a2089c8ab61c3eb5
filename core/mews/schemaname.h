#pragma once

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <cstring>

/**
 * The key of the contract schema's name tables: type, enumeration, value, field and
 * format names ("Reservation", "ServiceOrderUpdated", "StartUtc").
 *
 * Every webhook is checked with hundreds of lookups in these tables, and QHash's seeded
 * SipHash over a QString cost more than the rest of each lookup (a fifth of all decoding
 * time). The tables are filled once from the schema file and only looked up with the
 * received text, never grown from it, so nothing a sender controls can flood them: a
 * cheap FNV-1a over the UTF-16 code units is safe here. (Tables that do grow from
 * received text, such as entity ids, keep QHash's seeded hash.)
 */
class SchemaName {
public:
    SchemaName() = default;
    // Implicit, so the tables read like QHash<QString, ...> everywhere they are filled.
    SchemaName(const QString &name) // NOLINT(google-explicit-constructor)
        : m_name(name) {}

    /// A key that borrows the characters of `name`, for a lookup that must not allocate.
    static SchemaName borrowed(QStringView name) {
        return SchemaName(QString::fromRawData(name.data(), name.size()));
    }

    const QString &toString() const { return m_name; }

    friend bool operator==(const SchemaName &a, const SchemaName &b) noexcept {
        const qsizetype size = a.m_name.size();
        return size == b.m_name.size() && std::memcmp(a.m_name.constData(), b.m_name.constData(),
                                                      size_t(size) * sizeof(QChar)) == 0;
    }

    friend size_t qHash(const SchemaName &key, size_t seed = 0) noexcept {
        quint64 hash = 14695981039346656037ULL ^ seed;
        for (const QChar c : key.m_name) {
            hash ^= c.unicode();
            hash *= 1099511628211ULL;
        }
        return size_t(hash);
    }

private:
    QString m_name;
};
