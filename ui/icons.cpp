#include "icons.h"

#include <QHash>

namespace Icons {

QIcon named(const QString &name) {
    static QHash<QString, QIcon> cache;
    const auto found = cache.constFind(name);
    if (found != cache.cend())
        return found.value();
    const QIcon icon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
    cache.insert(name, icon);
    return icon;
}

QIcon forState(ContractState state) {
    switch (state) {
    case ContractState::Ok:
        return named(QStringLiteral("state-ok"));
    case ContractState::Notes:
        return named(QStringLiteral("state-notes"));
    case ContractState::Warnings:
        return named(QStringLiteral("state-warnings"));
    case ContractState::Errors:
        return named(QStringLiteral("state-errors"));
    case ContractState::InvalidJson:
        return named(QStringLiteral("state-invalid"));
    case ContractState::Rejected:
        break;
    }
    return named(QStringLiteral("state-rejected"));
}

QIcon pending() {
    return named(QStringLiteral("state-pending"));
}

QIcon unknown() {
    return named(QStringLiteral("unknown"));
}

QIcon application() {
    return named(QStringLiteral("app"));
}

} // namespace Icons
