#include "captureorder.h"

#include "capturetablemodel.h"
#include "capturetext.h"
#include "keysort.h"
#include "session/captureindex.h"

#include <algorithm>

namespace {

constexpr quint32 NoRank = ~quint32(0);

} // namespace

CaptureOrder::CaptureOrder(const CaptureIndex &index, int column, Qt::SortOrder order)
    : m_index(index)
    , m_column(column >= 0 && column < CaptureTableModel::ColumnCount ? column : -1)
    , m_descending(order == Qt::DescendingOrder && m_column >= 0)
    , m_numberColumn(m_column == CaptureTableModel::NumberColumn) {
}

bool CaptureOrder::isTextColumn() const {
    switch (m_column) {
    case CaptureTableModel::MethodColumn:
    case CaptureTableModel::PathColumn:
    case CaptureTableModel::EventsColumn:
    case CaptureTableModel::EnterpriseColumn:
        return true;
    default:
        return false;
    }
}

bool CaptureOrder::dependsOnAnalysis() const {
    switch (m_column) {
    case CaptureTableModel::KindColumn:
    case CaptureTableModel::EventsColumn:
    case CaptureTableModel::EnterpriseColumn:
    case CaptureTableModel::EventCountColumn:
    case CaptureTableModel::StateColumn:
    case CaptureTableModel::DeliveryColumn: // digests may come with a new analysis
        return true;
    default:
        return false;
    }
}

quint64 CaptureOrder::numericKey(quint32 position) const {
    const CaptureIndexRow &row = m_index.row(position);
    const bool analysed = row.has(CaptureIndexRow::Analysed);
    switch (m_column) {
    case CaptureTableModel::TimeColumn:
        // Order-preserving map of the signed time onto unsigned.
        return quint64(row.receivedUtcMs) ^ (quint64(1) << 63);
    case CaptureTableModel::KindColumn:
        return analysed ? quint64(row.kind) + 1 : 0;
    case CaptureTableModel::EventCountColumn:
        return analysed && (row.kind == WebhookKind::General || row.eventCount > 0)
                   ? quint64(row.eventCount) + 1
                   : 0;
    case CaptureTableModel::StatusColumn:
        return row.status;
    case CaptureTableModel::SizeColumn:
        return row.bodySize;
    case CaptureTableModel::StateColumn:
        return analysed || row.has(CaptureIndexRow::Rejected) ? quint64(row.state) + 1 : 0;
    case CaptureTableModel::DeliveryColumn:
        return row.delivery;
    default:
        return position;
    }
}

/// The string index whose text a text column compares (0 = empty text).
quint32 CaptureOrder::textOf(quint32 position) const {
    const CaptureIndexRow &row = m_index.row(position);
    switch (m_column) {
    case CaptureTableModel::MethodColumn:
        return row.method;
    case CaptureTableModel::PathColumn:
        return row.path;
    case CaptureTableModel::EventsColumn:
        // The first action or event; without one, the summary the table shows instead.
        return m_index.events().countOf(position) ? m_index.events().at(position, 0).name
                                                  : row.summary;
    case CaptureTableModel::EnterpriseColumn:
        return row.enterpriseId;
    default:
        return 0;
    }
}

QString CaptureOrder::comparedText(quint32 string) const {
    if (m_column == CaptureTableModel::EnterpriseColumn && string) {
        // The column shows the name where the session knows it, else the id.
        const QString name = m_index.enterpriseName(string);
        if (!name.isEmpty())
            return name;
    }
    return m_index.text(string);
}

int CaptureOrder::compare(quint32 a, quint32 b) const {
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

bool CaptureOrder::lessThan(quint32 a, quint32 b) const {
    if (isArrivalOrder())
        return a < b;
    if (m_numberColumn)
        return a > b;
    const int c = compare(a, b);
    if (c != 0)
        return m_descending ? c > 0 : c < 0;
    return a < b;
}

void CaptureOrder::sort(std::vector<quint32> &positions) const {
    // Ties keep arrival order: start from positions ascending, then sort stably by key.
    if (!std::is_sorted(positions.begin(), positions.end())) {
        // Distinct positions: mark and collect them, O(n) rather than a comparison sort.
        const quint32 top = *std::max_element(positions.begin(), positions.end());
        std::vector<bool> present(size_t(top) + 1);
        for (quint32 position : positions)
            present[position] = true;
        size_t at = 0;
        for (quint32 position = 0; position <= top; ++position) {
            if (present[position])
                positions[at++] = position;
        }
    }
    if (isArrivalOrder())
        return;
    if (m_numberColumn) {
        std::reverse(positions.begin(), positions.end());
        return;
    }
    std::vector<KeySort::Keyed<quint32>> keyed(positions.size());
    if (isTextColumn()) {
        // Rank the distinct texts in use, equal texts (ignoring case) sharing a rank.
        std::vector<quint32> rank(size_t(m_index.strings().size()), NoRank);
        QList<quint32> distinct;
        for (quint32 position : positions) {
            const quint32 text = textOf(position);
            if (rank[text] == NoRank) {
                rank[text] = 0;
                distinct.append(text);
            }
        }
        std::sort(distinct.begin(), distinct.end(), [this](quint32 a, quint32 b) {
            return QString::compare(comparedText(a), comparedText(b), Qt::CaseInsensitive) < 0;
        });
        quint32 next = 0;
        for (qsizetype i = 0; i < distinct.size(); ++i) {
            if (i > 0 && QString::compare(comparedText(distinct.at(i - 1)),
                                          comparedText(distinct.at(i)), Qt::CaseInsensitive) != 0)
                ++next;
            rank[distinct.at(i)] = next;
        }
        for (size_t i = 0; i < positions.size(); ++i)
            keyed[i] = {rank[textOf(positions[i])], positions[i]};
    } else {
        for (size_t i = 0; i < positions.size(); ++i)
            keyed[i] = {numericKey(positions[i]), positions[i]};
    }
    KeySort::sort(keyed, m_descending);
    for (size_t i = 0; i < positions.size(); ++i)
        positions[i] = keyed[i].item;
}
