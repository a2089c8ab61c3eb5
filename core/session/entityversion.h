#pragma once

#include <QString>

/// One appearance of an entity (reservation, resource, message, resource block, ...)
/// in a session: an event naming it and/or an embedded snapshot of it.
struct EntityVersion {
    qint64 captureId = 0;
    qint64 receivedUtcMs = 0;
    QString discriminator; ///< the event naming it; empty for a snapshot no event names
    QString collection;    ///< e.g. "ServiceOrders"
    QString path;          ///< "Entities.ServiceOrders[0]" when embedded, else empty
    bool embedded() const { return !path.isEmpty(); }

    friend bool operator==(const EntityVersion &, const EntityVersion &) = default;
};
