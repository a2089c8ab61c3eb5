#include "entityhistorymodel.h"

#include "capturetext.h"

EntityHistoryModel::EntityHistoryModel(QObject *parent)
    : QAbstractTableModel(parent) {
}

void EntityHistoryModel::setHistory(const QString &entityId, const QString &entityType,
                                    const QList<EntityVersion> &versions, qint64 currentCaptureId) {
    beginResetModel();
    m_entityId = entityId;
    m_entityType = entityType;
    m_versions = versions;
    m_current = currentCaptureId;
    endResetModel();
}

void EntityHistoryModel::clear() {
    setHistory(QString(), QString(), {}, 0);
}

qsizetype EntityHistoryModel::otherCaptureCount() const {
    qsizetype count = 0;
    for (const EntityVersion &version : m_versions)
        count += version.captureId != m_current ? 1 : 0;
    return count;
}

int EntityHistoryModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_versions.size());
}

int EntityHistoryModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntityHistoryModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_versions.size())
        return {};
    const EntityVersion &version = m_versions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CaptureColumn:
            return version.captureId == m_current
                       ? QStringLiteral("#%1 (this capture)").arg(version.captureId)
                       : u'#' + QString::number(version.captureId);
        case ReceivedColumn:
            return CaptureText::localTime(version.receivedUtcMs);
        case EventColumn:
            return version.discriminator.isEmpty() ? QStringLiteral("(no event names it)")
                                                   : version.discriminator;
        case SnapshotColumn:
            return version.embedded() ? QStringLiteral("embedded at ") + version.path
                                      : QStringLiteral("Id only");
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ReceivedColumn)
            return CaptureText::isoUtc(version.receivedUtcMs);
        return {};
    case SortRole:
        switch (index.column()) {
        case CaptureColumn:
            return version.captureId;
        case ReceivedColumn:
            return version.receivedUtcMs;
        case EventColumn:
            return version.discriminator;
        case SnapshotColumn:
            return version.path;
        }
        return {};
    case PathRole:
        return version.path;
    case CaptureIdRole:
        return version.captureId;
    case CurrentRole:
        return version.captureId == m_current;
    case DiscriminatorRole:
        return version.discriminator;
    }
    return {};
}

QVariant EntityHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CaptureColumn:
        return QStringLiteral("Capture");
    case ReceivedColumn:
        return QStringLiteral("Received");
    case EventColumn:
        return QStringLiteral("Event");
    case SnapshotColumn:
        return QStringLiteral("Data");
    }
    return {};
}
