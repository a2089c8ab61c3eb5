#include "eventlistmodel.h"

#include "capturetext.h"
#include "eventorder.h"
#include "rowblocks.h"

#include <algorithm>

EventListModel::EventListModel(CaptureStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store) {
    if (store) {
        connect(store, &CaptureStore::rowsAppended, this, &EventListModel::capturesAppended);
        connect(store, &CaptureStore::rowsChanged, this, &EventListModel::capturesChanged);
        connect(store, &CaptureStore::reset, this, &EventListModel::storeReset);
        connect(store, &CaptureStore::cleared, this, &EventListModel::storeReset);
        connect(store, &QObject::destroyed, this, &EventListModel::rebuild);
    }
    rebuild();
}

void EventListModel::setFilter(const CaptureFilter &filter) {
    if (filter == m_filter)
        return;
    QList<qint64> added;
    const bool more = filter.onlyAddsTextMatchesTo(m_filter, &added);
    m_filter = filter;
    if (!more || !m_store) {
        rebuild();
        return;
    }
    const CaptureIndex &index = m_store->index();
    m_matcher.addTextMatches(added);
    m_matcher.refresh(index);
    std::vector<EventRef> rows;
    for (qint64 id : std::as_const(added)) {
        const qsizetype position = index.positionOf(id);
        if (position >= 0 && position < m_captures)
            collect(position, position, rows);
    }
    insertEvents(std::move(rows));
}

EventRef EventListModel::eventAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row] : EventRef{~quint32(0), ~quint32(0)};
}

int EventListModel::rowOf(const EventRef &event) const {
    if (!m_store)
        return -1;
    const EventOrder order(m_store->index(), m_sortColumn, m_sortOrder);
    const auto found = std::lower_bound(m_rows.begin(), m_rows.end(), event,
                                        [&order](const EventRef &a, const EventRef &b) {
                                            return a == b ? false : order.lessThan(a, b);
                                        });
    return found != m_rows.end() && *found == event ? int(found - m_rows.begin()) : -1;
}

template <typename Rows>
void EventListModel::collect(qsizetype first, qsizetype last, Rows &out) const {
    const CaptureIndex &index = m_store->index();
    const EventIndex &events = index.events();
    const bool perEvent = m_matcher.filtersEvents();
    for (qsizetype position = first; position <= last; ++position) {
        if (!m_matcher.matches(index, position))
            continue;
        const auto count = quint32(events.countOf(position));
        for (quint32 ordinal = 0; ordinal < count; ++ordinal) {
            if (!perEvent || m_matcher.matchesEvent(events.at(position, ordinal)))
                out.push_back({quint32(position), ordinal});
        }
    }
}

void EventListModel::rebuild() {
    beginResetModel();
    m_rows.clear();
    m_captures = m_store ? m_store->size() : 0;
    if (m_store) {
        const CaptureIndex &index = m_store->index();
        m_matcher = CaptureMatcher(m_filter, index);
        m_rows.reserve(qsizetype(index.events().eventCount()));
        collect(0, m_captures - 1, m_rows);
        m_rows.squeeze();
        EventOrder order(index, m_sortColumn, m_sortOrder);
        if (!order.isArrivalOrder())
            order.sort(std::span(m_rows.data(), size_t(m_rows.size())));
        m_labels = CaptureText::enterpriseNamesSignature(index);
    }
    endResetModel();
}

void EventListModel::insertEvents(std::vector<EventRef> added) {
    if (added.empty())
        return;
    const EventOrder order(m_store->index(), m_sortColumn, m_sortOrder);
    order.sort(added);
    const auto less = [&order](const EventRef &a, const EventRef &b) {
        return order.lessThan(a, b);
    };
    RowBlocks::insert(
        m_rows, added, RowBlocks::plan(m_rows, added, less),
        [this](qsizetype first, qsizetype last) {
            beginInsertRows(QModelIndex(), int(first), int(last));
        },
        [this] { endInsertRows(); });
}

void EventListModel::capturesAppended(qsizetype first, qsizetype last) {
    if (first != m_captures) {
        rebuild();
        return;
    }
    m_captures = last + 1;
    resortIfLabelsChanged();
    m_matcher.refresh(m_store->index());
    std::vector<EventRef> added;
    collect(first, last, added);
    insertEvents(std::move(added));
}

void EventListModel::capturesChanged(qsizetype first, qsizetype last) {
    if (first < 0 || last >= m_captures || first > last)
        return;
    resortIfLabelsChanged();
    const EventOrder order(m_store->index(), m_sortColumn, m_sortOrder);
    QList<RowBlocks::Run> runs;
    if (order.isArrivalOrder()) {
        // In arrival order the events of [first, last] are one run.
        const auto begin =
            std::lower_bound(m_rows.begin(), m_rows.end(), EventRef{quint32(first), 0});
        const auto end = std::lower_bound(begin, m_rows.end(), EventRef{quint32(last) + 1, 0});
        if (begin != end)
            runs.append({qsizetype(begin - m_rows.begin()), qsizetype(end - begin)});
    } else {
        runs = RowBlocks::runs(m_rows, [first, last](const EventRef &ref) {
            return ref.capture >= first && ref.capture <= last;
        });
    }
    m_matcher.refresh(m_store->index());
    std::vector<EventRef> added;
    collect(first, last, added);
    if (staysInPlace(runs, added, order)) {
        // A new decoder mostly finds the same events: the rows stay and show new values.
        for (const RowBlocks::Run &run : std::as_const(runs))
            Q_EMIT dataChanged(index(int(run.first), 0),
                               index(int(run.first + run.count - 1), ColumnCount - 1));
        return;
    }
    // Their events are others now: out with the old rows, in with the new ones.
    RowBlocks::remove(
        m_rows, runs,
        [this](qsizetype firstRow, qsizetype lastRow) {
            beginRemoveRows(QModelIndex(), int(firstRow), int(lastRow));
        },
        [this] { endRemoveRows(); });
    insertEvents(std::move(added));
}

bool EventListModel::staysInPlace(const QList<RowBlocks::Run> &runs,
                                  const std::vector<EventRef> &events,
                                  const EventOrder &order) const {
    qsizetype shown = 0;
    for (const RowBlocks::Run &run : runs)
        shown += run.count;
    if (size_t(shown) != events.size())
        return false;
    if (order.isArrivalOrder()) {
        // One run, in arrival order like events: compare where they stand.
        const auto first = m_rows.begin() + (runs.isEmpty() ? 0 : runs.constFirst().first);
        return std::equal(events.begin(), events.end(), first);
    }
    std::vector<EventRef> sorted;
    sorted.reserve(events.size());
    for (const RowBlocks::Run &run : runs)
        sorted.insert(sorted.end(), m_rows.begin() + run.first,
                      m_rows.begin() + run.first + run.count);
    std::sort(sorted.begin(), sorted.end());
    if (sorted != events)
        return false;
    // Sorted by a column: each row must still sort between its neighbours.
    for (const RowBlocks::Run &run : runs) {
        for (qsizetype row = run.first; row < run.first + run.count; ++row) {
            const EventRef &ref = m_rows[row];
            if (row > 0 && order.lessThan(ref, m_rows[row - 1]))
                return false;
            if (row + 1 < m_rows.size() && order.lessThan(m_rows[row + 1], ref))
                return false;
        }
    }
    return true;
}

void EventListModel::storeReset() {
    // Text matches name captures of the session that is gone.
    if (m_filter.hasTextMatches() && !m_filter.textMatches().isEmpty())
        m_filter.setTextMatches({});
    rebuild();
}

void EventListModel::sort(int column, Qt::SortOrder order) {
    if (column < -1 || column >= ColumnCount)
        column = -1;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    applySort();
}

void EventListModel::resortIfLabelsChanged() {
    // Sorted by enterprise means by name where known: a name learned later moves rows.
    if (m_store && m_sortColumn == EnterpriseColumn &&
        CaptureText::enterpriseNamesSignature(m_store->index()) != m_labels)
        applySort();
}

void EventListModel::applySort() {
    if (!m_store)
        return;
    m_labels = CaptureText::enterpriseNamesSignature(m_store->index());
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<EventRef> refs;
    refs.reserve(before.size());
    for (const QModelIndex &persistent : before)
        refs.append(eventAt(persistent.row()));
    const EventOrder sorter(m_store->index(), m_sortColumn, m_sortOrder);
    sorter.sort(std::span(m_rows.data(), size_t(m_rows.size())));
    QModelIndexList after;
    after.reserve(before.size());
    const auto less = [&sorter](const EventRef &a, const EventRef &b) {
        return sorter.lessThan(a, b);
    };
    for (qsizetype i = 0; i < before.size(); ++i) {
        const auto found = std::lower_bound(m_rows.begin(), m_rows.end(), refs.at(i), less);
        after.append(found != m_rows.end() && *found == refs.at(i)
                         ? createIndex(int(found - m_rows.begin()), before.at(i).column())
                         : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int EventListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags EventListModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant EventListModel::data(const QModelIndex &index, int role) const {
    if (!m_store ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventRef ref = m_rows[index.row()];
    // During a change the index may already hold the new events of a capture.
    if (ref.capture >= m_store->size() ||
        ref.ordinal >= m_store->index().events().countOf(ref.capture))
        return {};
    return cell(ref, index.column(), role);
}

QVariant EventListModel::cell(const EventRef &ref, int column, int role) const {
    const CaptureIndex &index = m_store->index();
    const CaptureIndexRow &row = index.row(ref.capture);
    const EventIndexRow &event = index.events().at(ref.capture, ref.ordinal);
    const bool action = CaptureText::isAction(index, ref.capture);
    const bool hasState = row.has(CaptureIndexRow::Analysed) || row.has(CaptureIndexRow::Rejected);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case CaptureColumn:
            return QString::number(row.id);
        case TimeColumn:
            return CaptureText::localTime(row.receivedUtcMs);
        case EventColumn:
            return CaptureText::eventName(index, ref.capture, ref.ordinal);
        case EntityColumn:
            return index.entityId(event);
        case IncludedColumn:
            return action                 ? QString()
                   : event.entityIncluded ? QStringLiteral("Yes")
                                          : QStringLiteral("No");
        case EnterpriseColumn:
            return CaptureText::enterpriseLabel(index, row.enterpriseId);
        case StateColumn:
            return hasState ? CaptureText::stateName(row.state) : CaptureText::notAnalysedName();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (column) {
        case TimeColumn:
            return CaptureText::isoUtc(row.receivedUtcMs);
        case EventColumn:
            return CaptureText::eventToolTip(index, ref.capture, ref.ordinal);
        case IncludedColumn:
            return CaptureText::eventDetail(index, ref.capture, ref.ordinal);
        case EnterpriseColumn:
            return index.text(row.enterpriseId);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return column == CaptureColumn
                   ? QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case SortRole:
        switch (column) {
        case CaptureColumn:
            return row.id;
        case TimeColumn:
            return row.receivedUtcMs;
        case EventColumn:
            return index.text(event.name);
        case EntityColumn:
            return index.entityId(event);
        case IncludedColumn:
            return action ? 2 : event.entityIncluded ? 1 : 0;
        case EnterpriseColumn: {
            const QString name = index.enterpriseName(row.enterpriseId);
            return name.isEmpty() ? index.text(row.enterpriseId) : name;
        }
        case StateColumn:
            return hasState ? int(row.state) : CaptureText::NotAnalysed;
        default:
            return {};
        }
    case CaptureIdRole:
        return row.id;
    case PositionRole:
        return qsizetype(ref.capture);
    case OrdinalRole:
        return int(ref.ordinal);
    case EntityIdRole:
        return index.entityId(event);
    case EntityIncludedRole:
        return event.entityIncluded != 0;
    case KnownRole:
        return CaptureText::isKnownEventName(index.text(event.name), action);
    case ActionRole:
        return action;
    case StateRole:
        return hasState ? int(row.state) : CaptureText::NotAnalysed;
    case EnterpriseIdRole:
        return index.text(row.enterpriseId);
    default:
        return {};
    }
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CaptureColumn:
        return QStringLiteral("No.");
    case TimeColumn:
        return QStringLiteral("Time");
    case EventColumn:
        return QStringLiteral("Event / action");
    case EntityColumn:
        return QStringLiteral("Entity id");
    case IncludedColumn:
        return QStringLiteral("Entity included");
    case EnterpriseColumn:
        return QStringLiteral("Enterprise");
    case StateColumn:
        return QStringLiteral("Contract");
    default:
        return {};
    }
}
