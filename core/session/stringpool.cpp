#include "stringpool.h"

StringPool::StringPool() {
    m_strings.append(QString());
    m_byUtf8.insert(QByteArray(), 0);
}

quint32 StringPool::intern(const QString &text) {
    return internUtf8(text.toUtf8());
}

quint32 StringPool::internUtf8(QByteArrayView utf8) {
    if (utf8.isEmpty())
        return 0;
    // fromRawData: the probe key borrows the caller's bytes, no copy on a hit.
    const auto found = m_byUtf8.constFind(QByteArray::fromRawData(utf8.data(), utf8.size()));
    if (found != m_byUtf8.cend())
        return found.value();
    const auto index = quint32(m_strings.size());
    m_strings.append(QString::fromUtf8(utf8));
    m_byUtf8.insert(utf8.toByteArray(), index);
    return index;
}

qint64 StringPool::find(const QString &text) const {
    if (text.isEmpty())
        return 0;
    const auto found = m_byUtf8.constFind(text.toUtf8());
    return found == m_byUtf8.cend() ? -1 : qint64(found.value());
}
