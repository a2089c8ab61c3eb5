#include "eventtreemodel.h"

#include "capturetext.h"
#include "mews/contractschema.h"
#include "rowblocks.h"

#include <algorithm>

static_assert(sizeof(quintptr) == 8, "internal ids pack a level, an ordinal and a position");

namespace {

// internalId: a capture row has 0. Below it, bits 62-63 say what the parent is (1: a
// capture, 2: an event), bits 32-61 the parent event's ordinal, bits 0-31 the position.
constexpr int LevelShift = 62;
constexpr quintptr OrdinalMask = (quintptr(1) << 30) - 1;
constexpr quintptr UnderCapture = 1;
constexpr quintptr UnderEvent = 2;

quintptr packId(quintptr under, quint32 position, quint32 ordinal) {
    return under << LevelShift | (quintptr(ordinal) & OrdinalMask) << 32 | position;
}

} // namespace

EventTreeModel::EventTreeModel(CaptureStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store) {
    if (store) {
        connect(store, &CaptureStore::rowsAppended, this, &EventTreeModel::capturesAppended);
        connect(store, &CaptureStore::rowsChanged, this, &EventTreeModel::capturesChanged);
        connect(store, &CaptureStore::reset, this, &EventTreeModel::storeReset);
        connect(store, &CaptureStore::cleared, this, &EventTreeModel::storeReset);
        connect(store, &QObject::destroyed, this, &EventTreeModel::rebuild);
    }
    rebuild();
}

void EventTreeModel::setFilter(const CaptureFilter &filter) {
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
    std::vector<quint32> positions;
    for (qint64 id : std::as_const(added)) {
        const qsizetype position = index.positionOf(id);
        if (position >= 0 && position < m_seen && m_matcher.matches(index, position))
            positions.push_back(quint32(position));
    }
    insertCaptures(std::move(positions));
}

void EventTreeModel::rebuild() {
    beginResetModel();
    m_captures.clear();
    m_seen = m_store ? m_store->size() : 0;
    if (m_store) {
        const CaptureIndex &index = m_store->index();
        m_matcher = CaptureMatcher(m_filter, index);
        for (qsizetype position = 0; position < m_seen; ++position) {
            if (m_matcher.matches(index, position))
                m_captures.push_back(quint32(position));
        }
        m_captures.shrink_to_fit();
    }
    endResetModel();
}

void EventTreeModel::insertCaptures(std::vector<quint32> added) {
    if (added.empty())
        return;
    std::sort(added.begin(), added.end());
    RowBlocks::insert(
        m_captures, added, RowBlocks::plan(m_captures, added, std::less<quint32>()),
        [this](qsizetype first, qsizetype last) {
            beginInsertRows(QModelIndex(), int(first), int(last));
        },
        [this] { endInsertRows(); });
}

void EventTreeModel::capturesAppended(qsizetype first, qsizetype last) {
    if (first != m_seen) {
        rebuild();
        return;
    }
    m_seen = last + 1;
    const CaptureIndex &index = m_store->index();
    m_matcher.refresh(index);
    std::vector<quint32> added;
    for (qsizetype position = first; position <= last; ++position) {
        if (m_matcher.matches(index, position))
            added.push_back(quint32(position));
    }
    insertCaptures(std::move(added));
}

void EventTreeModel::capturesChanged(qsizetype first, qsizetype last) {
    if (first < 0 || last >= m_seen || first > last)
        return;
    const CaptureIndex &index = m_store->index();
    m_matcher.refresh(index);
    const auto begin = std::lower_bound(m_captures.begin(), m_captures.end(), quint32(first));
    const auto end = std::upper_bound(begin, m_captures.end(), quint32(last));
    std::vector<quint32> added;
    for (qsizetype position = first; position <= last; ++position) {
        if (m_matcher.matches(index, position))
            added.push_back(quint32(position));
    }
    if (!m_store->eventsReshaped(first, last) &&
        std::equal(begin, end, added.begin(), added.end())) {
        // The same captures, each with as many events and embedded entities as before
        // (what a newer decoder mostly finds): rows, expansion and selection stay.
        announceChanged(int(begin - m_captures.begin()), int(end - m_captures.begin()) - 1);
        return;
    }
    // The branch below a re-analysed capture has another shape: the capture row goes
    // and comes back (if it still passes) with its new children.
    QList<RowBlocks::Run> runs;
    if (begin != end)
        runs.append({qsizetype(begin - m_captures.begin()), qsizetype(end - begin)});
    RowBlocks::remove(
        m_captures, runs,
        [this](qsizetype firstRow, qsizetype lastRow) {
            beginRemoveRows(QModelIndex(), int(firstRow), int(lastRow));
        },
        [this] { endRemoveRows(); });
    insertCaptures(std::move(added));
}

void EventTreeModel::announceChanged(int firstRow, int lastRow) {
    if (firstRow > lastRow)
        return;
    Q_EMIT dataChanged(index(firstRow, 0), index(lastRow, ColumnCount - 1));
    for (int row = firstRow; row <= lastRow; ++row) {
        const QModelIndex capture = index(row, 0);
        const int events = rowCount(capture);
        if (events == 0)
            continue;
        Q_EMIT dataChanged(index(0, 0, capture), index(events - 1, ColumnCount - 1, capture));
        for (int ordinal = 0; ordinal < events; ++ordinal) {
            const QModelIndex event = index(ordinal, 0, capture);
            if (rowCount(event) > 0)
                Q_EMIT dataChanged(index(0, 0, event), index(0, ColumnCount - 1, event));
        }
    }
}

void EventTreeModel::storeReset() {
    if (m_filter.hasTextMatches() && !m_filter.textMatches().isEmpty())
        m_filter.setTextMatches({});
    rebuild();
}

int EventTreeModel::rowOfPosition(qsizetype position) const {
    if (position < 0 || position >= m_seen)
        return -1;
    const auto found = std::lower_bound(m_captures.begin(), m_captures.end(), quint32(position));
    return found != m_captures.end() && *found == quint32(position)
               ? int(found - m_captures.begin())
               : -1;
}

EventTreeModel::Node EventTreeModel::nodeOf(const QModelIndex &index) const {
    const quintptr id = index.internalId();
    if (id == 0) {
        const auto row = size_t(index.row());
        return {CaptureLevel, row < m_captures.size() ? m_captures[row] : ~quint32(0), 0};
    }
    const auto position = quint32(id);
    if (id >> LevelShift == UnderCapture)
        return {EventLevel, position, quint32(index.row())};
    return {EntityLevel, position, quint32((id >> 32) & OrdinalMask)};
}

bool EventTreeModel::isStale(const Node &node) const {
    // Between the store changing a capture and this model catching up.
    return !m_store || node.position >= m_store->size() ||
           (node.level != CaptureLevel &&
            node.ordinal >= m_store->index().events().countOf(node.position));
}

QModelIndex EventTreeModel::index(int row, int column, const QModelIndex &parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    const Node node = nodeOf(parent);
    if (node.level == CaptureLevel)
        return createIndex(row, column, packId(UnderCapture, node.position, 0));
    if (node.level == EventLevel)
        return createIndex(row, column, packId(UnderEvent, node.position, node.ordinal));
    return {};
}

QModelIndex EventTreeModel::parent(const QModelIndex &child) const {
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const quintptr id = child.internalId();
    const auto position = quint32(id);
    if (id >> LevelShift == UnderCapture) {
        const int row = rowOfPosition(position);
        return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
    }
    const auto ordinal = quint32((id >> 32) & OrdinalMask);
    return createIndex(int(ordinal), 0, packId(UnderCapture, position, 0));
}

int EventTreeModel::rowCount(const QModelIndex &parent) const {
    if (!parent.isValid())
        return int(m_captures.size());
    if (parent.column() != 0)
        return 0;
    const Node node = nodeOf(parent);
    if (isStale(node))
        return 0;
    const EventIndex &events = m_store->index().events();
    switch (node.level) {
    case CaptureLevel:
        return int(std::min<qsizetype>(events.countOf(node.position), OrdinalMask));
    case EventLevel:
        return events.at(node.position, node.ordinal).entityIncluded ? 1 : 0;
    case EntityLevel:
        break;
    }
    return 0;
}

int EventTreeModel::columnCount(const QModelIndex &) const {
    return ColumnCount;
}

bool EventTreeModel::hasChildren(const QModelIndex &parent) const {
    return rowCount(parent) > 0;
}

Qt::ItemFlags EventTreeModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeOf(index).level == EntityLevel)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant EventTreeModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node node = nodeOf(index);
    if (isStale(node))
        return {};
    switch (role) {
    case LevelRole:
        return int(node.level);
    case CaptureIdRole:
        return m_store->row(node.position).id;
    case PositionRole:
        return qsizetype(node.position);
    default:
        break;
    }
    switch (node.level) {
    case CaptureLevel:
        return captureData(node, index.column(), role);
    case EventLevel:
        return eventData(node, index.column(), role);
    case EntityLevel:
        return entityData(node, index.column(), role);
    }
    return {};
}

QVariant EventTreeModel::captureData(const Node &node, int column, int role) const {
    const CaptureIndex &index = m_store->index();
    const CaptureIndexRow &row = index.row(node.position);
    const QString summary = row.has(CaptureIndexRow::Analysed) || row.has(CaptureIndexRow::Rejected)
                                ? index.text(row.summary)
                                : CaptureText::notAnalysedName();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return QStringLiteral("#%1 · %2").arg(row.id).arg(summary);
        case DetailColumn:
            return CaptureText::localTime(row.receivedUtcMs);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return column == DetailColumn ? CaptureText::isoUtc(row.receivedUtcMs) : summary;
    case SortRole:
        return column == DetailColumn ? QVariant(row.receivedUtcMs) : QVariant(row.id);
    default:
        return {};
    }
}

QVariant EventTreeModel::eventData(const Node &node, int column, int role) const {
    const CaptureIndex &index = m_store->index();
    const EventIndexRow &event = index.events().at(node.position, node.ordinal);
    const bool action = CaptureText::isAction(index, node.position);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return CaptureText::eventName(index, node.position, node.ordinal);
        case EntityColumn:
            return index.entityId(event);
        case DetailColumn:
            return CaptureText::eventDetail(index, node.position, node.ordinal);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return CaptureText::eventToolTip(index, node.position, node.ordinal);
    case SortRole:
        return column == EntityColumn ? index.entityId(event) : index.text(event.name);
    case OrdinalRole:
        return int(node.ordinal);
    case EntityIdRole:
        return index.entityId(event);
    case EntityIncludedRole:
        return event.entityIncluded != 0;
    case KnownRole:
        return CaptureText::isKnownEventName(index.text(event.name), action);
    case ActionRole:
        return action;
    default:
        return {};
    }
}

QVariant EventTreeModel::entityData(const Node &node, int column, int role) const {
    const CaptureIndex &index = m_store->index();
    const EventIndexRow &event = index.events().at(node.position, node.ordinal);
    const QString collection = index.text(event.collection);
    const QString type = ContractSchema::instance().typeOfCollection(collection);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return collection.isEmpty() ? QStringLiteral("Entities")
                                        : QStringLiteral("Entities.") + collection;
        case EntityColumn:
            return index.entityId(event);
        case DetailColumn:
            return type.isEmpty() ? QStringLiteral("Embedded entity, as it was when sent")
                                  : type + QStringLiteral(", as it was when sent");
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return QStringLiteral("The older General webhook form embedded the entity; Mews "
                              "deprecated Entities on 23 Aug 2022 and now sends only the Id");
    case SortRole:
        return index.entityId(event);
    case OrdinalRole:
        return int(node.ordinal);
    case EntityIdRole:
        return index.entityId(event);
    case EntityIncludedRole:
        return true;
    default:
        return {};
    }
}

QVariant EventTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return QStringLiteral("Capture / event");
    case EntityColumn:
        return QStringLiteral("Entity id");
    case DetailColumn:
        return QStringLiteral("Detail");
    default:
        return {};
    }
}
