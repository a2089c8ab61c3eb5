#include "capturefilterproxy.h"

#include "captureorder.h"
#include "capturetablemodel.h"
#include "capturetext.h"
#include "rowblocks.h"
#include "session/capturestore.h"
#include "textsearch.h"

#include <algorithm>

CaptureFilterProxy::CaptureFilterProxy(CaptureTableModel *source, QObject *parent)
    : QAbstractProxyModel(parent) {
    setSourceModel(source);
}

CaptureFilterProxy::~CaptureFilterProxy() = default;

void CaptureFilterProxy::setSourceModel(QAbstractItemModel *sourceModel) {
    auto *captures = qobject_cast<CaptureTableModel *>(sourceModel);
    if (sourceModel && !captures) {
        qWarning("CaptureFilterProxy: the source must be a CaptureTableModel");
        return;
    }
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    m_source = captures;
    QAbstractProxyModel::setSourceModel(captures);
    connectSource();
    computeRows();
    endResetModel();
    emitCounts();
}

void CaptureFilterProxy::connectSource() {
    if (!m_source)
        return;
    m_sourceConnections = {
        connect(m_source, &QAbstractItemModel::rowsInserted, this,
                &CaptureFilterProxy::sourceRowsInserted),
        connect(m_source, &QAbstractItemModel::dataChanged, this,
                &CaptureFilterProxy::sourceDataChanged),
        connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this,
                &CaptureFilterProxy::sourceAboutToBeReset),
        connect(m_source, &QAbstractItemModel::modelReset, this, &CaptureFilterProxy::sourceReset),
        connect(m_source, &QAbstractItemModel::headerDataChanged, this,
                &QAbstractItemModel::headerDataChanged),
    };
}

const CaptureIndex *CaptureFilterProxy::captureIndex() const {
    return m_source && m_source->store() ? &m_source->store()->index() : nullptr;
}

qsizetype CaptureFilterProxy::sourceRows() const {
    // The source's row count, not the store's: the two differ while the store's
    // signal is on its way to the source.
    return m_source && captureIndex() ? m_source->rowCount() : 0;
}

qsizetype CaptureFilterProxy::totalCount() const {
    return sourceRows();
}

// --- criteria -------------------------------------------------------------------------

void CaptureFilterProxy::setTags(const QStringList &tags) {
    CaptureFilter filter = m_filter;
    filter.setTags(tags);
    setFilter(filter);
}

void CaptureFilterProxy::setKinds(const QList<WebhookKind> &kinds) {
    CaptureFilter filter = m_filter;
    filter.setKinds(kinds);
    setFilter(filter);
}

void CaptureFilterProxy::setDeliveries(const QList<DeliveryKind> &deliveries) {
    CaptureFilter filter = m_filter;
    filter.setDeliveries(deliveries);
    setFilter(filter);
}

void CaptureFilterProxy::setStates(const QList<ContractState> &states) {
    CaptureFilter filter = m_filter;
    filter.setStates(states);
    setFilter(filter);
}

void CaptureFilterProxy::setMethods(const QStringList &methods) {
    CaptureFilter filter = m_filter;
    filter.setMethods(methods);
    setFilter(filter);
}

void CaptureFilterProxy::setEnterprise(const QString &enterpriseId) {
    CaptureFilter filter = m_filter;
    filter.setEnterpriseId(enterpriseId);
    setFilter(filter);
}

void CaptureFilterProxy::setIntegration(const QString &integrationId) {
    CaptureFilter filter = m_filter;
    filter.setIntegrationId(integrationId);
    setFilter(filter);
}

void CaptureFilterProxy::setTextMatches(const QList<qint64> &ids) {
    CaptureFilter filter = m_filter;
    filter.setTextMatches(ids);
    setFilter(filter);
}

void CaptureFilterProxy::addTextMatches(const QList<qint64> &ids) {
    CaptureFilter filter = m_filter;
    filter.addTextMatches(ids);
    setFilter(filter);
}

void CaptureFilterProxy::clearTextMatches() {
    CaptureFilter filter = m_filter;
    filter.clearTextMatches();
    setFilter(filter);
}

void CaptureFilterProxy::setFilter(const CaptureFilter &filter) {
    if (filter == m_filter)
        return;
    QList<qint64> added;
    const bool more = filter.onlyAddsTextMatchesTo(m_filter, &added);
    m_filter = filter;
    const CaptureIndex *index = captureIndex();
    if (more && index) {
        m_matcher.addTextMatches(added);
        m_matcher.refresh(*index);
        const qsizetype rows = sourceRows();
        std::vector<quint32> positions;
        for (qint64 id : std::as_const(added)) {
            const qsizetype position = index->positionOf(id);
            // Ids of captures the store does not have yet match when they arrive.
            if (position >= 0 && position < rows && m_matcher.matches(*index, position))
                positions.push_back(quint32(position));
        }
        insertPositions(std::move(positions));
    } else {
        refilter();
    }
    Q_EMIT filterChanged(m_filter);
    emitCounts();
}

void CaptureFilterProxy::setTextSearch(TextSearch *search) {
    for (const QMetaObject::Connection &connection : std::as_const(m_searchConnections))
        disconnect(connection);
    m_searchConnections.clear();
    m_textSearch = search;
    if (!search)
        return;
    m_searchConnections = {
        connect(search, &TextSearch::matchesReset, this,
                [this](const QString &text) {
                    if (text.isEmpty())
                        clearTextMatches();
                    else
                        setTextMatches({});
                }),
        connect(search, &TextSearch::matchesFound, this, &CaptureFilterProxy::addTextMatches),
        connect(search, &QObject::destroyed, this, [this] { m_searchConnections.clear(); }),
    };
    if (search->text().isEmpty())
        clearTextMatches();
    else
        setTextMatches(search->matches());
}

void CaptureFilterProxy::setSearchText(const QString &text) {
    if (!m_textSearch) {
        qWarning("CaptureFilterProxy::setSearchText: no TextSearch set");
        return;
    }
    m_textSearch->setText(text);
}

// --- rows -----------------------------------------------------------------------------

void CaptureFilterProxy::refilter() {
    beginResetModel();
    computeRows();
    endResetModel();
}

void CaptureFilterProxy::computeRows() {
    const CaptureIndex *index = captureIndex();
    if (!index) {
        m_shown.clear();
        m_matcher = CaptureMatcher();
        return;
    }
    m_matcher = CaptureMatcher(m_filter, *index);
    m_shown.fill(*index, m_matcher, CaptureOrder(*index, m_sortColumn, m_sortOrder),
                 quint32(sourceRows()));
    m_labels = CaptureText::enterpriseNamesSignature(*index);
}

void CaptureFilterProxy::insertPositions(std::vector<quint32> added) {
    const CaptureIndex *index = captureIndex();
    if (added.empty() || !index)
        return;
    const CaptureOrder order(*index, m_sortColumn, m_sortOrder);
    order.sort(added);
    const auto less = [&order](quint32 a, quint32 b) {
        return order.lessThan(a, b);
    };
    const QList<RowBlocks::Insertion> blocks = RowBlocks::plan(m_shown.positions(), added, less);
    RowBlocks::insert(
        m_shown.edit(), added, blocks,
        [this](qsizetype first, qsizetype last) {
            beginInsertRows(QModelIndex(), int(first), int(last));
        },
        [this] { endInsertRows(); });
}

void CaptureFilterProxy::sourceRowsInserted(const QModelIndex &parent, int first, int last) {
    const CaptureIndex *index = captureIndex();
    if (parent.isValid() || !index)
        return;
    resortIfLabelsChanged();
    m_matcher.refresh(*index);
    std::vector<quint32> added;
    for (int position = first; position <= last; ++position) {
        if (m_matcher.matches(*index, position))
            added.push_back(quint32(position));
    }
    insertPositions(std::move(added));
    emitCounts();
}

void CaptureFilterProxy::sourceDataChanged(const QModelIndex &topLeft,
                                           const QModelIndex &bottomRight, const QList<int> &) {
    const CaptureIndex *captures = captureIndex();
    if (!captures || !topLeft.isValid() || !bottomRight.isValid())
        return;
    const auto first = quint32(topLeft.row());
    const auto last = quint32(bottomRight.row());
    resortIfLabelsChanged();
    m_matcher.refresh(*captures);
    const CaptureOrder order(*captures, m_sortColumn, m_sortOrder);
    // A changed capture leaves when it no longer passes or is out of order; it then
    // comes back in order with whatever passes now and is not shown.
    const QList<RowBlocks::Run> leaving = m_shown.leaving(first, last, *captures, m_matcher, order);
    if (!leaving.isEmpty()) {
        RowBlocks::remove(
            m_shown.edit(), leaving,
            [this](qsizetype firstRow, qsizetype lastRow) {
                beginRemoveRows(QModelIndex(), int(firstRow), int(lastRow));
            },
            [this] { endRemoveRows(); });
    }
    const ShownRows::Present present = m_shown.present(first, last, order);
    if (present.top >= 0)
        Q_EMIT dataChanged(index(present.top, 0), index(present.bottom, columnCount() - 1));
    std::vector<quint32> entering =
        ShownRows::entering(first, last, quint32(sourceRows()), present, *captures, m_matcher);
    insertPositions(std::move(entering));
    emitCounts();
}

void CaptureFilterProxy::sourceAboutToBeReset() {
    beginResetModel();
}

void CaptureFilterProxy::sourceReset() {
    // Text matches are ids of the session that is gone: nothing matches until the
    // search has run over the new one.
    if (m_filter.hasTextMatches() && !m_filter.textMatches().isEmpty()) {
        m_filter.setTextMatches({});
        Q_EMIT filterChanged(m_filter);
    }
    computeRows();
    endResetModel();
    emitCounts();
}

void CaptureFilterProxy::emitCounts() {
    const qsizetype shown = shownCount();
    const qsizetype total = totalCount();
    if (shown == m_lastShown && total == m_lastTotal)
        return;
    m_lastShown = shown;
    m_lastTotal = total;
    Q_EMIT countsChanged(shown, total);
}

// --- sorting --------------------------------------------------------------------------

void CaptureFilterProxy::sort(int column, Qt::SortOrder order) {
    if (column < -1 || column >= columnCount())
        column = -1;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    applySort();
}

void CaptureFilterProxy::resortIfLabelsChanged() {
    // Rows sorted by enterprise sort by name where known: a name learned later moves them.
    const CaptureIndex *index = captureIndex();
    if (m_sortColumn != CaptureTableModel::EnterpriseColumn || !index)
        return;
    if (CaptureText::enterpriseNamesSignature(*index) != m_labels)
        applySort();
}

void CaptureFilterProxy::applySort() {
    const CaptureIndex *index = captureIndex();
    if (!index)
        return;
    m_labels = CaptureText::enterpriseNamesSignature(*index);
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qsizetype> positions;
    positions.reserve(before.size());
    for (const QModelIndex &persistent : before)
        positions.append(positionAt(persistent.row()));
    CaptureOrder(*index, m_sortColumn, m_sortOrder).sort(m_shown.edit());
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = rowOfPosition(positions.at(i));
        after.append(row < 0 ? QModelIndex() : createIndex(row, before.at(i).column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// --- mapping --------------------------------------------------------------------------

qsizetype CaptureFilterProxy::positionAt(int row) const {
    return m_shown.positionAt(row);
}

int CaptureFilterProxy::rowOfPosition(qsizetype position) const {
    const CaptureIndex *captures = captureIndex();
    if (!captures || position < 0)
        return -1;
    return m_shown.rowOf(quint32(position), CaptureOrder(*captures, m_sortColumn, m_sortOrder),
                         quint32(sourceRows()));
}

QModelIndex CaptureFilterProxy::index(int row, int column, const QModelIndex &parent) const {
    if (parent.isValid() || row < 0 || row >= m_shown.size() || column < 0 ||
        column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex CaptureFilterProxy::parent(const QModelIndex &) const {
    return {};
}

QModelIndex CaptureFilterProxy::sibling(int row, int column, const QModelIndex &) const {
    return index(row, column);
}

int CaptureFilterProxy::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_shown.size());
}

int CaptureFilterProxy::columnCount(const QModelIndex &parent) const {
    return parent.isValid() || !m_source ? 0 : m_source->columnCount();
}

bool CaptureFilterProxy::hasChildren(const QModelIndex &parent) const {
    return !parent.isValid() && !m_shown.isEmpty();
}

QModelIndex CaptureFilterProxy::mapToSource(const QModelIndex &proxyIndex) const {
    if (!m_source || !proxyIndex.isValid() || proxyIndex.model() != this)
        return {};
    const qsizetype position = positionAt(proxyIndex.row());
    return position < 0 ? QModelIndex() : m_source->index(int(position), proxyIndex.column());
}

QModelIndex CaptureFilterProxy::mapFromSource(const QModelIndex &sourceIndex) const {
    if (!m_source || !sourceIndex.isValid() || sourceIndex.model() != m_source)
        return {};
    const int row = rowOfPosition(sourceIndex.row());
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}
