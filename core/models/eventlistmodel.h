#pragma once

#include "capturefilter.h"
#include "capturematcher.h"
#include "eventref.h"
#include "rowblocks.h"
#include "session/capturestore.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

class EventOrder;

/**
 * Every event of the session, one row each, across captures: the events of General
 * webhooks, and the action of each Integration webhook as one row named by it.
 *
 * Reads the store's EventIndex (no body is read). Shows the events of the captures
 * that pass a CaptureFilter (the same one the capture list uses: follow
 * CaptureFilterProxy::filterChanged), 8 bytes per shown event, sortable by any column.
 * With actions or discriminators selected, only the events they name are shown: a
 * filter on ServiceOrderUpdated lists reservation events, not the other events those
 * webhooks carry (CaptureMatcher::matchesEvent). The event tree shows each capture whole.
 * Live captures insert their events in one block per contiguous run; re-analysed
 * captures keep their rows when their events are the same and still sort where they
 * stand (dataChanged), and have them replaced otherwise; a session opened or cleared
 * resets the model.
 */
class EventListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        CaptureColumn,
        TimeColumn,
        EventColumn,    ///< the discriminator, or the action of an Integration webhook
        EntityColumn,   ///< Value.Id
        IncludedColumn, ///< whether the (older) webhook embedded the entity
        EnterpriseColumn,
        StateColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole,
        CaptureIdRole,      ///< qint64
        PositionRole,       ///< store position of the capture
        OrdinalRole,        ///< index in the capture's Events array
        EntityIdRole,       ///< QString
        EntityIncludedRole, ///< bool
        KnownRole,          ///< bool: a documented discriminator / action
        ActionRole,         ///< bool: the row is an Integration webhook's action
        StateRole,          ///< int(ContractState) of the capture, or CaptureText::NotAnalysed
        EnterpriseIdRole,   ///< QString
    };
    Q_ENUM(Role)

    explicit EventListModel(CaptureStore *store, QObject *parent = nullptr);

    void setFilter(const CaptureFilter &filter);
    const CaptureFilter &filter() const { return m_filter; }
    /// The event shown at a row ({~0, ~0} when out of range).
    EventRef eventAt(int row) const;
    /// The row showing an event, or -1 when it is filtered out (a binary search).
    int rowOf(const EventRef &event) const;
    /// Heap bytes this model holds (its row vector).
    qsizetype approximateBytes() const { return m_rows.capacity() * qsizetype(sizeof(EventRef)); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

private:
    void capturesAppended(qsizetype first, qsizetype last);
    void capturesChanged(qsizetype first, qsizetype last);
    void storeReset();
    void rebuild();
    /// Appends the shown events of store positions [first, last] to out (std::vector or
    /// QList).
    template <typename Rows> void collect(qsizetype first, qsizetype last, Rows &out) const;
    void insertEvents(std::vector<EventRef> added);
    /// Whether the rows in runs are exactly events (in arrival order) and each still
    /// sorts where it stands, so a change of analysis needs no rows moved.
    bool staysInPlace(const QList<RowBlocks::Run> &runs, const std::vector<EventRef> &events,
                      const EventOrder &order) const;
    QVariant cell(const EventRef &ref, int column, int role) const;
    void applySort();
    void resortIfLabelsChanged();

    QPointer<CaptureStore> m_store;
    CaptureFilter m_filter;
    CaptureMatcher m_matcher;
    /// A QList, not a std::vector: EventRef is trivially copyable, so QList grows with
    /// realloc(), which glibc does with mremap() for large blocks. A std::vector copies
    /// every row into a new block when it grows: at millions of events that froze the
    /// window for up to 400 ms, most of it in page faults on the new block.
    QList<EventRef> m_rows;
    qsizetype m_captures = 0; ///< store positions this model has seen
    size_t m_labels = 0;      ///< CaptureText::enterpriseNamesSignature() at the last sort
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
