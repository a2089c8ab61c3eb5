#include "capture.h"

#include <QUrl>

QByteArray Capture::headerValue(QByteArrayView name) const {
    for (const HeaderField &field : headers) {
        if (name.compare(field.name, Qt::CaseInsensitive) == 0)
            return field.value;
    }
    return {};
}

QByteArray Capture::path() const {
    QByteArrayView view(target);
    if (!view.startsWith('/')) {
        // absolute-form: skip "scheme://authority"
        const qsizetype scheme = view.indexOf("://");
        if (scheme >= 0) {
            const qsizetype slash = view.indexOf('/', scheme + 3);
            view = slash >= 0 ? view.sliced(slash) : QByteArrayView("/");
        }
    }
    const qsizetype query = view.indexOf('?');
    if (query >= 0)
        view = view.first(query);
    return view.toByteArray();
}

qint64 Capture::answerDelayMs() const {
    if (firstByteUtcMs <= 0 || response.sentUtcMs <= 0)
        return -1;
    return qMax<qint64>(0, response.sentUtcMs - firstByteUtcMs);
}

QString Capture::remoteEndpoint() const {
    // No TCP peer has port 0: it is what a capture whose port is not known holds.
    const QString port = remotePort ? QString::number(remotePort) : QStringLiteral("?");
    if (remoteAddress.contains(u':'))
        return u'[' + remoteAddress + QStringLiteral("]:") + port;
    return remoteAddress + u':' + port;
}
