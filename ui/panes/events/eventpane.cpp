#include "eventpane.h"

#include "eventtreeview.h"

#include "panes/livetableview.h"
#include "text/countedtext.h"

#include "icons.h"
#include "models/eventlistmodel.h"
#include "models/eventtreemodel.h"
#include "panes/elidedlabel.h"
#include "panes/eventnamedecoration.h"
#include "session/capturestore.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

// "1,234 events" cut short rather than a count that widens the window as it grows.
constexpr int TitleChars = 12;

} // namespace

EventPane::EventPane(CaptureStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_listModel(new EventListModel(store, this))
    , m_treeModel(new EventTreeModel(store, this))
    , m_title(new ElidedLabel(TitleChars, this))
    , m_listButton(new QToolButton(this))
    , m_treeButton(new QToolButton(this))
    , m_stack(new QStackedWidget(this))
    , m_list(new LiveTableView(this))
    , m_tree(new EventTreeView(this)) {
    auto *listDecoration =
        new EventNameDecoration({EventListModel::KnownRole, EventListModel::EventColumn,
                                 EventListModel::StateRole, EventListModel::StateColumn},
                                this);
    listDecoration->setSourceModel(m_listModel);
    m_list->setModel(listDecoration);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAlternatingRowColors(true);
    m_list->setShowGrid(false);
    m_list->setWordWrap(false);
    m_list->setSortingEnabled(true);
    m_list->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_list->horizontalHeader()->setSortIndicatorClearable(true);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->horizontalHeader()->setHighlightSections(false);
    m_list->horizontalHeader()->setSectionsMovable(true);
    m_list->setUniformRowHeight(qMax(fontMetrics().height() + 6, 22));
    m_list->verticalHeader()->hide();
    const int charWidth = fontMetrics().averageCharWidth();
    m_list->setColumnWidth(EventListModel::CaptureColumn, charWidth * 7 + 16);
    m_list->setColumnWidth(
        EventListModel::TimeColumn,
        fontMetrics().horizontalAdvance(QStringLiteral("2024-05-01 12:00:00.000")) + 16);
    m_list->setColumnWidth(EventListModel::EventColumn, charWidth * 24 + 32);
    m_list->setColumnWidth(EventListModel::EntityColumn, charWidth * 36 + 16);
    m_list->setColumnWidth(EventListModel::IncludedColumn,
                           qMax(charWidth * 9, m_list->horizontalHeader()->sectionSizeHint(
                                                   EventListModel::IncludedColumn)) +
                               8);
    m_list->setColumnWidth(EventListModel::EnterpriseColumn, charWidth * 22 + 16);

    auto *treeDecoration = new EventNameDecoration(
        {EventTreeModel::KnownRole, EventTreeModel::NameColumn, -1, -1}, this);
    treeDecoration->setSourceModel(m_treeModel);
    m_tree->setModel(treeDecoration);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(EventTreeModel::NameColumn, charWidth * 48);
    m_tree->setColumnWidth(EventTreeModel::EntityColumn, charWidth * 36 + 16);

    m_stack->addWidget(m_list);
    m_stack->addWidget(m_tree);

    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_listButton->setIcon(Icons::named(QStringLiteral("view-list")));
    m_listButton->setText(QStringLiteral("List"));
    m_listButton->setToolTip(QStringLiteral("One row per event, across captures"));
    m_treeButton->setIcon(Icons::named(QStringLiteral("view-tree")));
    m_treeButton->setText(QStringLiteral("Tree"));
    m_treeButton->setToolTip(QStringLiteral("Capture → events → embedded entity"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *button : {m_listButton, m_treeButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        group->addButton(button);
    }
    m_listButton->setChecked(true);
    connect(m_listButton, &QToolButton::clicked, this, [this] { setFlat(true); });
    connect(m_treeButton, &QToolButton::clicked, this, [this] { setFlat(false); });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 2, 2);
    bar->addWidget(m_title);
    bar->addStretch(1);
    bar->addWidget(m_listButton);
    bar->addWidget(m_treeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_stack);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventPane::listRowChanged);
    // Searches add rows instead of resetting: a hidden selection may be among them.
    connect(m_list->model(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid() && m_listEvent && !m_list->currentIndex().isValid())
                    restoreSelection(first, last);
            });
    connect(m_tree->model(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid() && m_treeNode.position >= 0 &&
                    !m_tree->currentIndex().isValid())
                    restoreSelection(first, last);
            });
    if (m_store) { // another session: what was selected is gone
        connect(m_store, &CaptureStore::reset, this, [this] { clearSelection(); });
        connect(m_store, &CaptureStore::cleared, this, [this] { clearSelection(); });
    }
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventPane::treeRowChanged);
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_listModel),
                                      static_cast<QAbstractItemModel *>(m_treeModel)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &EventPane::updateTitle);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &EventPane::updateTitle);
        connect(model, &QAbstractItemModel::modelReset, this, &EventPane::updateTitle);
    }
    updateTitle();
}

void EventPane::setFilter(const CaptureFilter &filter) {
    rememberSelection();
    // A new criterion resets the models, which forgets the selection: put it back.
    m_listModel->setFilter(filter);
    m_treeModel->setFilter(filter);
    restoreSelection();
}

void EventPane::rememberSelection() {
    const QModelIndex listRow = m_list->currentIndex();
    if (listRow.isValid())
        m_listEvent = m_listModel->eventAt(listRow.row());
    const QModelIndex node = m_tree->currentIndex();
    if (node.isValid()) {
        m_treeNode = {node.data(EventTreeModel::PositionRole).value<qsizetype>(),
                      node.data(EventTreeModel::LevelRole).toInt(),
                      node.data(EventTreeModel::OrdinalRole).toInt()};
    }
}

void EventPane::restoreSelection(int first, int last) {
    const auto within = [first, last](int row) {
        return row >= 0 && (first < 0 || (row >= first && row <= last));
    };
    if (m_listEvent && !m_list->currentIndex().isValid()) {
        const int row = m_listModel->rowOf(*m_listEvent);
        if (within(row))
            reselect(m_list, m_list->model()->index(row, EventListModel::EventColumn));
    }
    if (m_treeNode.position >= 0 && !m_tree->currentIndex().isValid()) {
        const int row = m_treeModel->rowOfPosition(m_treeNode.position);
        if (within(row)) {
            const QAbstractItemModel *model = m_tree->model();
            QModelIndex index = model->index(row, 0);
            if (m_treeNode.level != EventTreeModel::CaptureLevel)
                index = model->index(m_treeNode.ordinal, 0, index);
            if (m_treeNode.level == EventTreeModel::EntityLevel)
                index = model->index(0, 0, index);
            if (index.isValid())
                reselect(m_tree, index);
        }
    }
}

void EventPane::reselect(QAbstractItemView *view, const QModelIndex &index) {
    m_restoring = true;
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    m_restoring = false;
    view->scrollTo(index, QAbstractItemView::EnsureVisible);
}

void EventPane::setFlat(bool flat) {
    const bool changed = flat != m_flat;
    m_flat = flat;
    m_listButton->setChecked(flat);
    m_treeButton->setChecked(!flat);
    m_stack->setCurrentWidget(flat ? static_cast<QWidget *>(m_list) : m_tree);
    updateTitle();
    if (changed)
        Q_EMIT flatChanged(flat);
}

void EventPane::clearSelection() {
    m_listEvent.reset();
    m_treeNode = TreeNode();
    // Clearing the current row too: clicking the same row again is then a change.
    m_list->selectionModel()->clear();
    m_tree->selectionModel()->clear();
}

QByteArray EventPane::listHeaderState() const {
    return m_list->horizontalHeader()->saveState();
}

void EventPane::restoreListHeaderState(const QByteArray &state) {
    if (!state.isEmpty() && m_list->horizontalHeader()->restoreState(state)) {
        const QHeaderView *header = m_list->horizontalHeader();
        m_listModel->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    }
}

void EventPane::listRowChanged(const QModelIndex &current) {
    if (!current.isValid() || m_restoring)
        return;
    const qint64 captureId = current.data(EventListModel::CaptureIdRole).toLongLong();
    Q_EMIT eventActivated(captureId, current.data(EventListModel::OrdinalRole).toInt());
}

void EventPane::treeRowChanged(const QModelIndex &current) {
    if (!current.isValid() || m_restoring)
        return;
    const qint64 captureId = current.data(EventTreeModel::CaptureIdRole).toLongLong();
    const int ordinal = current.data(EventTreeModel::OrdinalRole).toInt();
    switch (current.data(EventTreeModel::LevelRole).toInt()) {
    case EventTreeModel::CaptureLevel:
        Q_EMIT captureActivated(captureId);
        return;
    case EventTreeModel::EventLevel:
        Q_EMIT eventActivated(captureId, ordinal);
        return;
    case EventTreeModel::EntityLevel: {
        // The tree addresses the entity by its event; the detail pane by its place in
        // Entities. A recent capture is in memory; an older one is one indexed read.
        QString error;
        const std::optional<AnalysedCapture> capture = m_store->capture(captureId, &error);
        const int entity = capture && ordinal < capture->analysis.events.size()
                               ? capture->analysis.events.at(ordinal).entityIndex
                               : -1;
        if (entity >= 0)
            Q_EMIT entityActivated(captureId, entity);
        else
            Q_EMIT eventActivated(captureId, ordinal);
        return;
    }
    }
}

QString EventPane::title() const {
    return m_title->text();
}

void EventPane::updateTitle() {
    // The tree shows each capture whole, the list only the events a filter on actions or
    // discriminators names: each says what it holds.
    m_title->setText(
        m_flat ? CountedText::localized(m_listModel->rowCount(), "event"_L1, "events"_L1)
               : CountedText::localized(m_treeModel->rowCount(), "capture"_L1, "captures"_L1));
}
