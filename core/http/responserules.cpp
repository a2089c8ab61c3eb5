#include "responserules.h"

#include "httpsyntax.h"

namespace ResponseRules {

bool isListenerOwned(QByteArrayView name) {
    for (const char *owned : {"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"}) {
        if (name.compare(QByteArrayView(owned), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString checkHeaders(const HeaderList &headers) {
    for (const HeaderField &field : headers) {
        if (!HttpSyntax::isToken(field.name)) {
            return QStringLiteral("invalid response header name \"%1\"")
                .arg(QString::fromUtf8(field.name));
        }
        for (const char c : field.value) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f) {
                return QStringLiteral("the response header %1 contains a control character")
                    .arg(QString::fromUtf8(field.name));
            }
        }
        if (isListenerOwned(field.name)) {
            return QStringLiteral("the listener sets %1 itself (it frames every response: "
                                  "Content-Length, Transfer-Encoding, Connection and "
                                  "Keep-Alive); leave it out")
                .arg(QString::fromLatin1(field.name));
        }
    }
    return {};
}

} // namespace ResponseRules
