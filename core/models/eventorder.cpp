#include "eventorder.h"

#include "eventlistmodel.h"
#include "keysort.h"
#include "session/captureindex.h"

#include <QHash>

#include <algorithm>
#include <cstring>

namespace {

constexpr quint32 NoRank = ~quint32(0);

/// An entity id as a sort key: a GUID's 128 bits, or the rank of another text.
struct EntityKeyed {
    quint64 high = 0;
    quint64 low = 0;
    quint32 rank = 0; ///< other texts; 0 is the empty id
    bool guid = false;
    EventRef ref;
};

quint64 bigEndian(const quint8 *bytes) {
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = value << 8 | bytes[i];
    return value;
}

} // namespace

EventOrder::EventOrder(const CaptureIndex &index, int column, Qt::SortOrder order)
    : m_index(index)
    , m_column(column >= 0 && column < EventListModel::ColumnCount ? column : -1)
    , m_descending(order == Qt::DescendingOrder && m_column >= 0)
    , m_captureColumn(m_column == EventListModel::CaptureColumn) {
}

bool EventOrder::isTextColumn() const {
    return m_column == EventListModel::EventColumn || m_column == EventListModel::EnterpriseColumn;
}

quint32 EventOrder::textOf(const EventRef &ref) const {
    switch (m_column) {
    case EventListModel::EventColumn:
        return m_index.events().countOf(ref.capture) > ref.ordinal
                   ? m_index.events().at(ref.capture, ref.ordinal).name
                   : 0;
    case EventListModel::EnterpriseColumn:
        return m_index.row(ref.capture).enterpriseId;
    default:
        return 0;
    }
}

QString EventOrder::comparedText(quint32 string) const {
    if (m_column == EventListModel::EnterpriseColumn && string) {
        const QString name = m_index.enterpriseName(string);
        if (!name.isEmpty())
            return name;
    }
    return m_index.text(string);
}

quint64 EventOrder::numericKey(const EventRef &ref) const {
    const CaptureIndexRow &row = m_index.row(ref.capture);
    switch (m_column) {
    case EventListModel::TimeColumn:
        return quint64(row.receivedUtcMs) ^ (quint64(1) << 63);
    case EventListModel::IncludedColumn: {
        if (row.has(CaptureIndexRow::Analysed) && row.kind == WebhookKind::Integration)
            return 2;
        const bool known = m_index.events().countOf(ref.capture) > ref.ordinal;
        return known && m_index.events().at(ref.capture, ref.ordinal).entityIncluded ? 1 : 0;
    }
    case EventListModel::StateColumn:
        return row.has(CaptureIndexRow::Analysed) || row.has(CaptureIndexRow::Rejected)
                   ? quint64(row.state) + 1
                   : 0;
    default:
        return ref.capture;
    }
}

int EventOrder::compareEntities(const EventRef &a, const EventRef &b) const {
    const EventIndex &events = m_index.events();
    if (events.countOf(a.capture) <= a.ordinal || events.countOf(b.capture) <= b.ordinal)
        return 0;
    const EventIndexRow &x = events.at(a.capture, a.ordinal);
    const EventIndexRow &y = events.at(b.capture, b.ordinal);
    // Lower-case hex text sorts like the bytes it spells.
    if (x.entityIsGuid && y.entityIsGuid)
        return std::memcmp(x.entity.data(), y.entity.data(), x.entity.size());
    return QString::compare(m_index.entityId(x), m_index.entityId(y), Qt::CaseInsensitive);
}

void EventOrder::sortByEntity(std::span<EventRef> rows) const {
    const EventIndex &events = m_index.events();
    std::vector<EntityKeyed> keyed(rows.size());
    // Ids that are not GUIDs (rare: the contract says GUID) are ranked by their text.
    std::vector<quint32> others;
    for (size_t i = 0; i < rows.size(); ++i) {
        EntityKeyed &k = keyed[i];
        k.ref = rows[i];
        if (events.countOf(k.ref.capture) <= k.ref.ordinal)
            continue;
        const EventIndexRow &event = events.at(k.ref.capture, k.ref.ordinal);
        if (event.entityIsGuid) {
            k.guid = true;
            k.high = bigEndian(event.entity.data());
            k.low = bigEndian(event.entity.data() + 8);
        } else {
            std::memcpy(&k.rank, event.entity.data(), sizeof k.rank);
            others.push_back(k.rank);
        }
    }
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    std::sort(others.begin(), others.end(), [this](quint32 a, quint32 b) {
        return QString::compare(m_index.text(a), m_index.text(b), Qt::CaseInsensitive) < 0;
    });
    QHash<quint32, quint32> rankOf;
    quint32 next = 0;
    for (size_t i = 0; i < others.size(); ++i) {
        if (i > 0 && QString::compare(m_index.text(others[i - 1]), m_index.text(others[i]),
                                      Qt::CaseInsensitive) != 0)
            ++next;
        rankOf.insert(others[i], m_index.text(others[i]).isEmpty() ? 0 : next + 1);
    }
    for (EntityKeyed &k : keyed) {
        if (!k.guid)
            k.rank = rankOf.value(k.rank);
    }
    const auto compare = [this](const EntityKeyed &a, const EntityKeyed &b) {
        if (a.guid && b.guid)
            return a.high != b.high ? (a.high < b.high ? -1 : 1)
                   : a.low != b.low ? (a.low < b.low ? -1 : 1)
                                    : 0;
        if (!a.guid && !b.guid)
            return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0;
        // A GUID against another text: the empty id comes first, else compare the texts.
        if (!a.guid && a.rank == 0)
            return -1;
        if (!b.guid && b.rank == 0)
            return 1;
        return compareEntities(a.ref, b.ref);
    };
    const bool descending = m_descending;
    std::sort(keyed.begin(), keyed.end(), [&](const EntityKeyed &a, const EntityKeyed &b) {
        const int c = compare(a, b);
        return c != 0 ? (descending ? c > 0 : c < 0) : a.ref < b.ref;
    });
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = keyed[i].ref;
}

int EventOrder::compare(const EventRef &a, const EventRef &b) const {
    if (m_column == EventListModel::EntityColumn)
        return compareEntities(a, b);
    if (isTextColumn()) {
        const quint32 ta = textOf(a);
        const quint32 tb = textOf(b);
        return ta == tb ? 0
                        : QString::compare(comparedText(ta), comparedText(tb), Qt::CaseInsensitive);
    }
    const quint64 ka = numericKey(a);
    const quint64 kb = numericKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
}

bool EventOrder::lessThan(const EventRef &a, const EventRef &b) const {
    if (isArrivalOrder())
        return a < b;
    if (m_captureColumn)
        return a.capture != b.capture ? a.capture > b.capture : a.ordinal < b.ordinal;
    const int c = compare(a, b);
    if (c != 0)
        return m_descending ? c > 0 : c < 0;
    return a < b;
}

void EventOrder::sort(std::span<EventRef> rows) const {
    // Ties keep arrival order: start from it, then sort stably by key.
    if (!std::is_sorted(rows.begin(), rows.end())) {
        // capture * (ordinals) + ordinal: as few radix passes as the numbers need.
        quint64 ordinals = 1;
        for (const EventRef &ref : rows)
            ordinals = std::max<quint64>(ordinals, quint64(ref.ordinal) + 1);
        std::vector<KeySort::Keyed<EventRef>> arrival(rows.size());
        for (size_t i = 0; i < rows.size(); ++i)
            arrival[i] = {quint64(rows[i].capture) * ordinals + rows[i].ordinal, rows[i]};
        KeySort::sort(arrival);
        for (size_t i = 0; i < rows.size(); ++i)
            rows[i] = arrival[i].item;
    }
    if (isArrivalOrder())
        return;
    if (m_column == EventListModel::EntityColumn) {
        sortByEntity(rows);
        return;
    }
    std::vector<KeySort::Keyed<EventRef>> keyed(rows.size());
    if (isTextColumn()) {
        std::vector<quint32> rank(size_t(m_index.strings().size()), NoRank);
        std::vector<quint32> distinct;
        for (const EventRef &ref : rows) {
            const quint32 text = textOf(ref);
            if (rank[text] == NoRank) {
                rank[text] = 0;
                distinct.push_back(text);
            }
        }
        std::sort(distinct.begin(), distinct.end(), [this](quint32 a, quint32 b) {
            return QString::compare(comparedText(a), comparedText(b), Qt::CaseInsensitive) < 0;
        });
        quint32 next = 0;
        for (size_t i = 0; i < distinct.size(); ++i) {
            if (i > 0 && QString::compare(comparedText(distinct[i - 1]), comparedText(distinct[i]),
                                          Qt::CaseInsensitive) != 0)
                ++next;
            rank[distinct[i]] = next;
        }
        for (size_t i = 0; i < rows.size(); ++i)
            keyed[i] = {rank[textOf(rows[i])], rows[i]};
    } else if (m_captureColumn) {
        // Newest capture first, its events in their own order.
        for (size_t i = 0; i < rows.size(); ++i)
            keyed[i] = {rows[i].capture, rows[i]};
    } else {
        for (size_t i = 0; i < rows.size(); ++i)
            keyed[i] = {numericKey(rows[i]), rows[i]};
    }
    KeySort::sort(keyed, m_descending);
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = keyed[i].item;
}
