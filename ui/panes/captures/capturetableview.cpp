#include "capturetableview.h"

#include "capturedecoration.h"
#include "emptystateoverlay.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

#include <utility>

CaptureTableView::CaptureTableView(CaptureFilterProxy *proxy, QWidget *parent)
    : LiveTableView(parent)
    , m_proxy(proxy)
    , m_decoration(new CaptureDecoration(this))
    , m_empty(nullptr) {
    m_decoration->setSourceModel(proxy);
    setModel(m_decoration);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setCornerButtonEnabled(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setIconSize(QSize(16, 16));

    setUniformRowHeight(qMax(fontMetrics().height() + 6, 22));
    verticalHeader()->hide();

    QHeaderView *columns = horizontalHeader();
    columns->setSectionsMovable(true);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setContextMenuPolicy(Qt::CustomContextMenu);
    columns->setSortIndicatorShown(true);
    columns->setSortIndicatorClearable(true);
    columns->setSortIndicator(-1, Qt::AscendingOrder);
    setSortingEnabled(true);
    const int charWidth = fontMetrics().averageCharWidth();
    const auto width = [charWidth](int chars) {
        return charWidth * chars + 24;
    };
    setColumnWidth(CaptureTableModel::NumberColumn, width(6) + 16);
    setColumnWidth(CaptureTableModel::TimeColumn,
                   fontMetrics().horizontalAdvance(QStringLiteral("2024-05-01 12:00:00.000")) + 24);
    setColumnWidth(CaptureTableModel::MethodColumn, width(6));
    setColumnWidth(CaptureTableModel::PathColumn, width(16));
    setColumnWidth(CaptureTableModel::KindColumn, width(18));
    setColumnWidth(CaptureTableModel::EventsColumn, width(36));
    setColumnWidth(CaptureTableModel::EnterpriseColumn, width(22));
    setColumnWidth(CaptureTableModel::EventCountColumn, width(5));
    setColumnWidth(CaptureTableModel::StatusColumn, width(5));
    setColumnWidth(CaptureTableModel::SizeColumn, width(7));
    setColumnWidth(CaptureTableModel::StateColumn, width(11) + 16);
    setColumnWidth(CaptureTableModel::DeliveryColumn, width(8));
    setColumnHidden(CaptureTableModel::KindColumn, true);
    // What a Mews developer scans first comes first: number, contract state, time, what
    // happened (and whether it came again) and for whom; the HTTP details after (columns
    // move back by dragging).
    const QList<int> order{CaptureTableModel::NumberColumn,     CaptureTableModel::StateColumn,
                           CaptureTableModel::TimeColumn,       CaptureTableModel::EventsColumn,
                           CaptureTableModel::DeliveryColumn,   CaptureTableModel::EnterpriseColumn,
                           CaptureTableModel::EventCountColumn, CaptureTableModel::StatusColumn,
                           CaptureTableModel::SizeColumn,       CaptureTableModel::MethodColumn,
                           CaptureTableModel::PathColumn,       CaptureTableModel::KindColumn};
    for (int visual = 0; visual < order.size(); ++visual)
        columns->moveSection(columns->visualIndex(order.at(visual)), visual);
    connect(columns, &QHeaderView::customContextMenuRequested, this,
            &CaptureTableView::showHeaderMenu);

    m_empty = new EmptyStateOverlay(viewport());
    connect(m_proxy, &CaptureFilterProxy::countsChanged, this, &CaptureTableView::updateEmptyState);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const qint64 id =
                    current.isValid() ? current.data(CaptureTableModel::IdRole).toLongLong() : 0;
                if (id != m_selected)
                    m_selectedHidden = false;
                m_selected = id;
                if (id == m_lastEmitted)
                    return;
                m_lastEmitted = id;
                Q_EMIT captureSelected(id);
            });
    // A filter resets the proxy (cheaper at a million rows than moving rows), and a reset
    // forgets the selection: the view puts it back. A new session resets the source first.
    connect(m_proxy->captureModel(), &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_sessionReplaced = true; });
    connect(m_decoration, &QAbstractItemModel::modelAboutToBeReset, this,
            &CaptureTableView::rememberSelection);
    connect(m_decoration, &QAbstractItemModel::modelReset, this,
            &CaptureTableView::restoreSelection);
    updateEmptyState();
}

qint64 CaptureTableView::currentCaptureId() const {
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(CaptureTableModel::IdRole).toLongLong() : 0;
}

QList<qint64> CaptureTableView::selectedCaptureIds() const {
    QList<qint64> ids;
    const QModelIndexList rows = selectionModel()->selectedRows();
    QList<int> ordered;
    ordered.reserve(rows.size());
    for (const QModelIndex &row : rows)
        ordered.append(row.row());
    std::sort(ordered.begin(), ordered.end());
    for (int row : std::as_const(ordered))
        ids.append(m_decoration->index(row, 0).data(CaptureTableModel::IdRole).toLongLong());
    return ids;
}

bool CaptureTableView::selectCapture(qint64 captureId) {
    const CaptureTableModel *captures = m_proxy->captureModel();
    if (!captures || !captures->store())
        return false;
    const qsizetype position = captures->store()->positionOf(captureId);
    const int row = position < 0 ? -1 : m_proxy->rowOfPosition(position);
    if (row < 0)
        return false;
    const QModelIndex index = m_decoration->index(row, qMax(0, currentIndex().column()));
    setCurrentIndex(index);
    scrollTo(index, QAbstractItemView::EnsureVisible);
    return true;
}

void CaptureTableView::clearCurrent() {
    m_selected = 0;
    m_selectedHidden = false;
    selectionModel()->clear();
}

void CaptureTableView::rememberSelection() {
    m_alsoSelected.clear();
    m_selectedColumn = qMax(0, currentIndex().column());
    const QItemSelection selection = selectionModel()->selection();
    qsizetype rows = 0;
    for (const QItemSelectionRange &range : selection)
        rows += range.height();
    if (rows > MaxReselected)
        return;
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom(); ++row) {
            const qint64 id =
                m_decoration->index(row, 0).data(CaptureTableModel::IdRole).toLongLong();
            if (id != m_selected && !m_alsoSelected.contains(id))
                m_alsoSelected.append(id);
        }
    }
}

void CaptureTableView::restoreSelection() {
    const bool sessionReplaced = std::exchange(m_sessionReplaced, false);
    if (sessionReplaced || !m_selected) {
        m_selected = 0;
        m_selectedHidden = false;
        m_alsoSelected.clear();
        if (m_lastEmitted != 0) {
            m_lastEmitted = 0;
            Q_EMIT captureSelected(0);
        }
        return;
    }
    const CaptureTableModel *captures = m_proxy->captureModel();
    const qsizetype position = captures->store()->positionOf(m_selected);
    const int row = position < 0 ? -1 : m_proxy->rowOfPosition(position);
    if (row >= 0) {
        reselect(row);
        // The rows above it came or went: bring it back into view. Only the rows moved:
        // centring the column too would scroll the table sideways, off the No. column.
        scrollToRow(currentIndex(), QAbstractItemView::PositionAtCenter);
        if (std::exchange(m_selectedHidden, false))
            Q_EMIT selectedCaptureShown(m_selected);
    } else {
        m_alsoSelected.clear();
        m_selectedHidden = true;
        Q_EMIT selectedCaptureHidden(m_selected);
    }
}

void CaptureTableView::reselect(int row) {
    const qint64 selected = m_selected;
    QItemSelection selection;
    const CaptureIndex &index = m_proxy->captureModel()->store()->index();
    for (qint64 id : std::as_const(m_alsoSelected)) {
        const qsizetype position = index.positionOf(id);
        const int other = position < 0 ? -1 : m_proxy->rowOfPosition(position);
        if (other >= 0)
            selection.select(m_decoration->index(other, 0), m_decoration->index(other, 0));
    }
    m_alsoSelected.clear();
    selectionModel()->setCurrentIndex(m_decoration->index(row, m_selectedColumn),
                                      QItemSelectionModel::ClearAndSelect |
                                          QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        selectionModel()->select(selection,
                                 QItemSelectionModel::Select | QItemSelectionModel::Rows);
    m_selected = selected;
}

void CaptureTableView::setFollowNewest(bool follow) {
    m_follow = follow;
    if (follow)
        scrollToNewest();
}

void CaptureTableView::scrollToNewest() {
    const CaptureTableModel *captures = m_proxy->captureModel();
    if (!captures || !captures->store() || captures->rowCount() == 0)
        return;
    // The newest capture the view shows: the last source row that passes the filter.
    int row = -1;
    for (qsizetype position = captures->rowCount() - 1; position >= 0 && row < 0; --position) {
        row = m_proxy->rowOfPosition(position);
        if (captures->rowCount() - position > 4096)
            break; // a filter hides the newest thousands: the view's end is close enough
    }
    if (row < 0)
        row = m_proxy->sortOrder() == Qt::DescendingOrder ? 0 : m_proxy->rowCount() - 1;
    if (row < 0)
        return;
    const QModelIndex index = m_decoration->index(row, qMax(0, currentIndex().column()));
    if (m_selectNewest)
        setCurrentIndex(index);
    scrollTo(index, QAbstractItemView::PositionAtBottom);
}

void CaptureTableView::rowsArrived(int first, int last) {
    if (m_selected && !currentIndex().isValid()) {
        // A hidden selection comes back as a search finds it (or a filter lets it in):
        // only the new rows are looked at, not every row.
        const CaptureTableModel *captures = m_proxy->captureModel();
        const qsizetype position = captures->store()->positionOf(m_selected);
        for (int row = first; position >= 0 && row <= last; ++row) {
            if (m_proxy->positionAt(row) == position) {
                reselect(row);
                if (std::exchange(m_selectedHidden, false))
                    Q_EMIT selectedCaptureShown(m_selected);
                break;
            }
        }
    }
    if (m_follow) {
        scrollToNewest();
        return;
    }
    keepInPlace(first, last);
}

QByteArray CaptureTableView::headerState() const {
    return horizontalHeader()->saveState();
}

bool CaptureTableView::restoreHeaderState(const QByteArray &state) {
    if (state.isEmpty())
        return false;
    const bool ok = horizontalHeader()->restoreState(state);
    // A sort saved with the layout applies to the proxy too.
    const QHeaderView *columns = horizontalHeader();
    if (ok && columns->sortIndicatorSection() >= 0)
        m_proxy->sort(columns->sortIndicatorSection(), columns->sortIndicatorOrder());
    return ok;
}

QString CaptureTableView::currentCellText() const {
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(Qt::DisplayRole).toString() : QString();
}

void CaptureTableView::copyCurrentCell() {
    const QString text = currentCellText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void CaptureTableView::setRowActions(QAction *copy, const QList<QAction *> &onCapture,
                                     const QList<QAction *> &onSelection) {
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    addAction(copy);
    addActions(onCapture);
    addAction(separator);
    addActions(onSelection);
    connect(selectionModel(), &QItemSelectionModel::currentChanged, copy, [this, copy] {
        if (window()->focusWidget() == this)
            copy->setEnabled(canCopySelection());
    });
}

void CaptureTableView::keyPressEvent(QKeyEvent *event) {
    if (event->matches(QKeySequence::Copy)) {
        copyCurrentCell();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void CaptureTableView::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        m_decoration->setPalette(palette());
    QTableView::changeEvent(event);
}

void CaptureTableView::showHeaderMenu(const QPoint &at) {
    QMenu menu(this);
    for (int column = 0; column < CaptureTableModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(CaptureTableModel::columnTitle(column));
        action->setCheckable(true);
        action->setChecked(!isColumnHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) {
            setColumnHidden(column, !shown);
            if (shown && columnWidth(column) < 20)
                resizeColumnToContents(column);
        });
    }
    menu.addSeparator();
    menu.addAction(QStringLiteral("Sort by arrival"), this, [this] {
        horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        m_proxy->sort(-1);
    });
    menu.addAction(QStringLiteral("Fit columns to contents"), this,
                   [this] { resizeColumnsToContents(); });
    menu.exec(horizontalHeader()->mapToGlobal(at));
}

void CaptureTableView::updateEmptyState() {
    m_empty->setCounts(m_proxy->shownCount(), m_proxy->totalCount());
}
