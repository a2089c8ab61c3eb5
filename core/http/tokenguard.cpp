#include "tokenguard.h"

#include <QCryptographicHash>

namespace {

QByteArray digestOf(QByteArrayView bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

bool equalInConstantTime(const QByteArray &a, const QByteArray &b) {
    if (a.size() != b.size()) // both are SHA-256 digests: the size is public
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

TokenGuard::TokenGuard(const QString &token) {
    if (token.isEmpty())
        return;
    m_digest = digestOf(token.toUtf8());
}

TokenGuard::Verdict TokenGuard::check(QByteArrayView target) const {
    if (!isEnabled())
        return Verdict::Admitted;
    qsizetype start = target.indexOf('?');
    if (start < 0)
        return Verdict::Missing;
    const qsizetype fragment = target.indexOf('#', start);
    const QByteArrayView query =
        target.sliced(start + 1, (fragment < 0 ? target.size() : fragment) - start - 1);

    bool found = false;
    bool admitted = false;
    start = 0;
    for (;;) {
        const qsizetype amp = query.indexOf('&', start);
        const QByteArrayView pair = query.sliced(start, (amp < 0 ? query.size() : amp) - start);
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView name = equals < 0 ? pair : pair.first(equals);
        if (QByteArray::fromPercentEncoding(name.toByteArray())
                .compare("Token", Qt::CaseInsensitive) == 0) {
            found = true;
            const QByteArray value = QByteArray::fromPercentEncoding(
                (equals < 0 ? QByteArrayView() : pair.sliced(equals + 1)).toByteArray());
            // every candidate is compared, so the position of a match does not show either
            admitted = equalInConstantTime(digestOf(value), m_digest) || admitted;
        }
        if (amp < 0)
            break;
        start = amp + 1;
    }
    if (admitted)
        return Verdict::Admitted;
    return found ? Verdict::Wrong : Verdict::Missing;
}

QByteArray TokenGuard::reason(Verdict verdict) {
    switch (verdict) {
    case Verdict::Missing:
        return QByteArrayLiteral("the Token query parameter is missing");
    case Verdict::Wrong:
        return QByteArrayLiteral("the Token query parameter does not match");
    case Verdict::Admitted:
        break;
    }
    return {};
}
