#pragma once

#include "detailroles.h"
#include "session/capturereader.h"

#include <QAbstractTableModel>

/**
 * Every appearance of one entity in the session (CaptureStore::entityHistory): the
 * capture it came in, when, the event naming it, and whether the older form
 * embedded a snapshot of it. The capture being shown is marked (CurrentRole).
 */
class EntityHistoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { CaptureColumn, ReceivedColumn, EventColumn, SnapshotColumn, ColumnCount };
    enum Role {
        SortRole = DetailRoles::SortRole,
        PathRole = DetailRoles::PathRole,            ///< "Entities.ServiceOrders[0]" when embedded
        CaptureIdRole = DetailRoles::FirstModelRole, ///< qint64
        CurrentRole,       ///< bool: this row is in the capture being shown
        DiscriminatorRole, ///< QString
    };

    explicit EntityHistoryModel(QObject *parent = nullptr);

    /// The history of `entityId` (of type `entityType`, for the heading), marking the
    /// rows of capture `currentCaptureId`.
    void setHistory(const QString &entityId, const QString &entityType,
                    const QList<EntityVersion> &versions, qint64 currentCaptureId);
    void clear();

    QString entityId() const { return m_entityId; }
    QString entityType() const { return m_entityType; }
    const EntityVersion &version(int row) const { return m_versions.at(row); }
    /// How many rows belong to other captures than the current one.
    qsizetype otherCaptureCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString m_entityId;
    QString m_entityType;
    QList<EntityVersion> m_versions;
    qint64 m_current = 0;
};
