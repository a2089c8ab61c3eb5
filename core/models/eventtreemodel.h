#pragma once

#include "capturefilter.h"
#include "capturematcher.h"
#include "session/capturestore.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <vector>

/**
 * Captures, their events, and the entity an older webhook embedded:
 *
 *   capture (one per capture that passes the filter, in arrival order)
 *     event (a General webhook's events in order, or an Integration webhook's action)
 *       entity (only when the webhook embedded it in Entities; for the current form
 *               there is no child and the event says "Mews sends only the Id")
 *
 * Reads the store's EventIndex, never a body; 4 bytes per shown capture. Follows the
 * same CaptureFilter as the capture list (CaptureFilterProxy::filterChanged).
 */
class EventTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, EntityColumn, DetailColumn, ColumnCount };
    enum Level { CaptureLevel, EventLevel, EntityLevel };
    Q_ENUM(Level)
    enum Role {
        SortRole = Qt::UserRole,
        LevelRole,          ///< Level
        CaptureIdRole,      ///< qint64
        PositionRole,       ///< store position of the capture
        OrdinalRole,        ///< events and entities: index in the capture's Events array
        EntityIdRole,       ///< QString
        EntityIncludedRole, ///< bool
        KnownRole,          ///< bool: a documented discriminator / action
        ActionRole,         ///< bool: the event row is an Integration webhook's action
    };
    Q_ENUM(Role)

    explicit EventTreeModel(CaptureStore *store, QObject *parent = nullptr);

    void setFilter(const CaptureFilter &filter);
    const CaptureFilter &filter() const { return m_filter; }
    /// The top-level row of a capture (store position), or -1 when filtered out.
    int rowOfPosition(qsizetype position) const;
    /// Heap bytes this model holds (its row vector).
    qsizetype approximateBytes() const {
        return qsizetype(m_captures.capacity() * sizeof(quint32));
    }

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node {
        Level level = CaptureLevel;
        quint32 position = 0;
        quint32 ordinal = 0;
    };
    Node nodeOf(const QModelIndex &index) const;
    bool isStale(const Node &node) const;
    void capturesAppended(qsizetype first, qsizetype last);
    void capturesChanged(qsizetype first, qsizetype last);
    void storeReset();
    void rebuild();
    void insertCaptures(std::vector<quint32> added);
    /// dataChanged() for top-level rows firstRow..lastRow and everything below them.
    void announceChanged(int firstRow, int lastRow);
    QVariant captureData(const Node &node, int column, int role) const;
    QVariant eventData(const Node &node, int column, int role) const;
    QVariant entityData(const Node &node, int column, int role) const;

    QPointer<CaptureStore> m_store;
    CaptureFilter m_filter;
    CaptureMatcher m_matcher;
    std::vector<quint32> m_captures; ///< store positions, ascending
    qsizetype m_seen = 0;            ///< store positions this model has seen
};
