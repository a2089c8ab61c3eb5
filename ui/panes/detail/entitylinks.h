#pragma once

#include "models/entityform.h"
#include "session/capturereader.h"

#include <QList>
#include <QSet>
#include <QString>

#include <optional>

class CaptureStore;

/**
 * Where the entities a detail form mentions appear in the session: which
 * referenced Ids lead somewhere (so the form shows them as links), the history
 * of the entity shown, and which version a link opens.
 */
class EntityLinks {
public:
    explicit EntityLinks(const CaptureStore &store);

    /// Of `references` (Id, entity type), those with a version of that type in the
    /// session other than the one at `path` of capture `captureId`.
    QSet<QString> linked(const QList<std::pair<QString, QString>> &references, qint64 captureId,
                         const QString &path) const;
    /// Every appearance of the form's entity; for Integration webhook Data, every
    /// Integration webhook of that integration.
    QList<EntityVersion> history(const EntityForm &form, QString *error) const;
    /// The version a link to `entityId` opens from capture `captureId`: an embedded
    /// snapshot when there is one, the latest at or before that capture, else the
    /// first after it.
    std::optional<EntityVersion> target(const QString &entityId, const QString &entityType,
                                        qint64 captureId, const QString &path) const;

    /// Whether a version is of this entity type (empty type: any).
    static bool isOfType(const EntityVersion &version, const QString &entityType);

private:
    const CaptureStore &m_store;
};
