#include "filtersection.h"

#include "models/checkablelistmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

/// Toggles the row's check on a click anywhere in it, not only on the indicator.
class RowToggleDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(size.height() + 4); // room to breathe between checkboxes
        return size;
    }

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override {
        const bool release = event->type() == QEvent::MouseButtonRelease &&
                             static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton;
        const bool space = event->type() == QEvent::KeyPress &&
                           static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space;
        if (event->type() == QEvent::MouseButtonPress ||
            event->type() == QEvent::MouseButtonDblClick)
            return true; // eat them, so only the release toggles
        if (!release && !space)
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        const QModelIndex name = index.siblingAtColumn(CheckableListModel::NameColumn);
        const bool checked = name.data(Qt::CheckStateRole).toInt() == Qt::Checked;
        return model->setData(name, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    }
};

} // namespace

FilterSection::FilterSection(const QString &title, QAbstractItemModel *model, QWidget *parent)
    : QWidget(parent)
    , m_titleText(title)
    , m_title(new QLabel(title, this))
    , m_view(new QTreeView(this)) {
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_view->setModel(model);
    m_view->setItemDelegate(new RowToggleDelegate(m_view));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setHeaderHidden(true);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setIndentation(0);
    m_view->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_view->viewport()->setAutoFillBackground(false);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(CheckableListModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(CheckableListModel::CountColumn,
                                           QHeaderView::ResizeToContents);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 2);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_view);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &FilterSection::fit);
    connect(model, &QAbstractItemModel::modelReset, this, &FilterSection::fit);
    connect(model, &QAbstractItemModel::layoutChanged, this, &FilterSection::fit);
    fit();
}

void FilterSection::setAlwaysShown(bool shown) {
    m_alwaysShown = shown;
    fit();
}

void FilterSection::fit() {
    const int rows = m_view->model()->rowCount();
    const int hint = rows > 0 ? m_view->sizeHintForRow(0) : -1;
    const int rowHeight = hint > 0 ? hint : m_view->fontMetrics().height() + 8;
    m_view->setFixedHeight(rows * rowHeight + 2 * m_view->frameWidth());
    setVisible(m_alwaysShown || rows > 0);
}
