#include "jsontreetab.h"

#include "severitydecoration.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

JsonTreeTab::JsonTreeTab(QWidget *parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
    , m_decoration(new SeverityDecoration(JsonTreeModel::KeyColumn, this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_statusIcon(new QLabel(this))
    , m_expand(new QToolButton(this))
    , m_collapse(new QToolButton(this)) {
    m_decoration->setSourceModel(m_model);
    m_view->setModel(m_decoration);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(JsonTreeModel::KeyColumn, 240);

    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusIcon->setAlignment(Qt::AlignTop);
    m_expand->setText(QStringLiteral("Expand all"));
    m_collapse->setText(QStringLiteral("Collapse all"));
    connect(m_expand, &QToolButton::clicked, this, &JsonTreeTab::expandAll);
    connect(m_collapse, &QToolButton::clicked, this, &JsonTreeTab::collapseAll);

    // QAbstractItemView would copy the display text of the current cell on Ctrl+C.
    m_view->installEventFilter(this);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &JsonTreeTab::showContextMenu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_statusIcon);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_expand);
    bar->addWidget(m_collapse);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    showMessage(QString());
}

bool JsonTreeTab::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_view && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        copyValue();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void JsonTreeTab::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        m_decoration->setPalette(palette());
    QWidget::changeEvent(event);
}

bool JsonTreeTab::canCopySelection() const {
    return m_view->currentIndex().isValid();
}

QString JsonTreeTab::statusText() const {
    return m_status->text();
}

void JsonTreeTab::setStatus(const QString &text, bool warning) {
    m_status->setText(text); // stays in the layout when empty, keeping the buttons right

    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_statusIcon->setPixmap(
        warning ? style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size)
                : QPixmap());
    m_statusIcon->setVisible(warning && !text.isEmpty());
}

void JsonTreeTab::setBody(const JsonBody &body, const FindingIndex &findings, qsizetype bodySize) {
    m_bodySize = bodySize;
    m_model->setBody(body, findings);
    m_view->setVisible(body.isReadable());
    m_expand->setEnabled(body.isReadable());
    m_collapse->setEnabled(body.isReadable());
    if (body.isLenient() && body.error.tooDeep) {
        m_baseStatus = QStringLiteral("Not decoded (%1 at line %2, column %3), though it may well "
                                      "be valid JSON. This tree shows what comes before that "
                                      "point; the Raw tab shows the text as sent.")
                           .arg(body.error.message)
                           .arg(body.error.line)
                           .arg(body.error.column);
        m_baseWarning = true;
    } else if (body.isLenient()) {
        m_baseStatus = QStringLiteral("Not valid JSON (%1 at line %2, column %3). This tree is a "
                                      "lenient reading")
                           .arg(body.error.message)
                           .arg(body.error.line)
                           .arg(body.error.column);
        m_baseStatus += body.complete
                            ? QStringLiteral(" that repaired %1 problem%2; the Raw tab shows the "
                                             "text as sent.")
                                  .arg(body.repairCount)
                                  .arg(body.repairCount == 1 ? QString() : QStringLiteral("s"))
                            : QStringLiteral(" of everything before the point where reading "
                                             "stopped; the Raw tab shows the text as sent.");
        m_baseWarning = true;
    } else {
        m_baseStatus = body.isReadable() ? QString() : QStringLiteral("The body is not JSON.");
        m_baseWarning = false;
    }
    setStatus(m_baseStatus, m_baseWarning);
    if (body.isReadable() && bodySize <= FullExpandLimit)
        m_view->expandToDepth(1);
    else if (body.isReadable())
        m_view->expandToDepth(0);
}

void JsonTreeTab::showMessage(const QString &message) {
    m_model->clear();
    m_view->setVisible(false);
    m_expand->setEnabled(false);
    m_collapse->setEnabled(false);
    m_baseStatus = message;
    m_baseWarning = false;
    setStatus(message, false);
}

void JsonTreeTab::expandAll() {
    if (m_bodySize > FullExpandLimit) {
        m_view->expandToDepth(LimitedExpandDepth);
        setStatus(QStringLiteral("The body is large, so Expand all opened the first %1 levels; "
                                 "open deeper ones by hand.")
                      .arg(LimitedExpandDepth + 1),
                  false);
        return;
    }
    m_view->expandAll();
}

void JsonTreeTab::collapseAll() {
    m_view->collapseAll();
    setStatus(m_baseStatus, m_baseWarning);
}

bool JsonTreeTab::selectPath(const QString &path, bool takeFocus) {
    bool exact = false;
    const QModelIndex found = m_model->indexForPath(path, &exact);
    if (!found.isValid()) {
        setStatus(QStringLiteral("The body has nothing at %1.").arg(path), true);
        return false;
    }
    const QModelIndex index = m_decoration->mapFromSource(found);
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_view->expand(parent);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    if (takeFocus)
        m_view->setFocus(Qt::OtherFocusReason);
    if (exact)
        setStatus(m_baseStatus, m_baseWarning);
    else
        setStatus(QStringLiteral("The body has no %1; showing %2, the nearest part it has.")
                      .arg(path, m_model->pathOf(found)),
                  true);
    return exact;
}

QString JsonTreeTab::selectedPath() const {
    return m_view->currentIndex().data(JsonTreeModel::PathRole).toString();
}

void JsonTreeTab::setSecretsRevealed(bool revealed) {
    m_model->setSecretsRevealed(revealed);
}

void JsonTreeTab::copyValue() {
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(index.data(JsonTreeModel::CopyTextRole).toString());
}

void JsonTreeTab::copyPath() {
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(index.data(JsonTreeModel::PathRole).toString());
}

void JsonTreeTab::showContextMenu(const QPoint &position) {
    const QModelIndex index = m_view->indexAt(position);
    QMenu menu(this);
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        QAction *value =
            menu.addAction(QStringLiteral("Copy value"), this, &JsonTreeTab::copyValue);
        value->setShortcut(QKeySequence::Copy);
        menu.addAction(QStringLiteral("Copy path"), this, &JsonTreeTab::copyPath);
        menu.addSeparator();
    }
    menu.addAction(QStringLiteral("Expand all"), this, &JsonTreeTab::expandAll);
    menu.addAction(QStringLiteral("Collapse all"), this, &JsonTreeTab::collapseAll);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}
