#include "responserules.h"

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
