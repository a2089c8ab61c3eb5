#include "eventorder.h"

#include "eventlistmodel.h"
#include "session/captureindex.h"

#include <algorithm>

namespace {

constexpr quint32 NoRank = ~quint32(0);

struct Keyed {
    quint64 key;
    EventRef ref;
};

} // namespace

EventOrder::EventOrder(const CaptureIndex &index, int column, Qt::SortOrder order)
    : m_index(index)
    , m_column(column >= 0 && column < EventListModel::ColumnCount ? column : -1)
    , m_descending(order == Qt::DescendingOrder && m_column >= 0)
    , m_captureColumn(m_column == EventListModel::CaptureColumn) {
}

bool EventOrder::isTextColumn() const {
    return m_column == EventListModel::EventColumn || m_column == EventListModel::EntityColumn ||
           m_column == EventListModel::EnterpriseColumn;
}

quint32 EventOrder::textOf(const EventRef &ref) const {
    switch (m_column) {
    case EventListModel::EventColumn:
        return m_index.events().countOf(ref.capture) > ref.ordinal
                   ? m_index.events().at(ref.capture, ref.ordinal).name
                   : 0;
    case EventListModel::EntityColumn:
        return m_index.events().countOf(ref.capture) > ref.ordinal
                   ? m_index.events().at(ref.capture, ref.ordinal).entityId
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

int EventOrder::compare(const EventRef &a, const EventRef &b) const {
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

void EventOrder::sort(std::vector<EventRef> &rows) const {
    if (isArrivalOrder()) {
        std::sort(rows.begin(), rows.end());
        return;
    }
    std::vector<Keyed> keyed(rows.size());
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
    } else {
        for (size_t i = 0; i < rows.size(); ++i)
            keyed[i] = {numericKey(rows[i]), rows[i]};
    }
    if (m_descending) {
        for (Keyed &k : keyed)
            k.key = ~k.key;
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed &a, const Keyed &b) {
        return a.key != b.key ? a.key < b.key : a.ref < b.ref;
    });
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = keyed[i].ref;
}
