#include "panes/events/eventtreeview.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

namespace {

constexpr int Wait = 5000;

} // namespace

class TestEventTreeView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void focusMakesNoNodeCurrent_data();
    void focusMakesNoNodeCurrent();
    void shrinkingKeepsTheCurrentNodeInView();

private:
    std::unique_ptr<QStandardItemModel> m_model;
    std::unique_ptr<EventTreeView> m_view;
};

void TestEventTreeView::init() {
    m_model = std::make_unique<QStandardItemModel>();
    for (int capture = 1; capture <= 3; ++capture) {
        auto *node = new QStandardItem(QStringLiteral("#%1").arg(capture));
        node->appendRow(new QStandardItem(QStringLiteral("ServiceOrderUpdated")));
        m_model->appendRow(node);
    }
    m_view = std::make_unique<EventTreeView>();
    m_view->setModel(m_model.get());
    m_view->resize(400, 200);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get(), Wait));
}

void TestEventTreeView::cleanup() {
    m_view.reset();
    m_model.reset();
}

void TestEventTreeView::focusMakesNoNodeCurrent_data() {
    QTest::addColumn<Qt::FocusReason>("reason");
    QTest::newRow("Tab") << Qt::TabFocusReason;
    QTest::newRow("window activated") << Qt::ActiveWindowFocusReason;
    QTest::newRow("the list hidden") << Qt::OtherFocusReason;
}

void TestEventTreeView::focusMakesNoNodeCurrent() {
    QFETCH(Qt::FocusReason, reason);
    m_view->clearFocus();
    m_view->selectionModel()->clear();
    QSignalSpy current(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged);
    m_view->setFocus(reason);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->hasFocus(), Wait);
    QVERIFY(!m_view->currentIndex().isValid());
    QVERIFY(current.isEmpty());
    // The keys still start at the first node, and select it.
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 0));
    QVERIFY(m_view->selectionModel()->isSelected(m_view->currentIndex()));
    // With a current node, focus leaves it as it is.
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    m_view->clearFocus();
    m_view->setFocus(reason);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->hasFocus(), Wait);
    QCOMPARE(m_view->currentIndex(), m_model->index(1, 0));
}

void TestEventTreeView::shrinkingKeepsTheCurrentNodeInView() {
    for (int capture = 4; capture <= 40; ++capture)
        m_model->appendRow(new QStandardItem(QStringLiteral("#%1").arg(capture)));
    const int last = m_view->indexAt(QPoint(4, m_view->viewport()->height() - 2)).row();
    QVERIFY(last > 2);
    const QModelIndex current = m_model->index(last - 1, 0);
    m_view->setCurrentIndex(current);
    m_view->resize(m_view->width(), 80);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->viewport()->height() < 80, Wait);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->viewport()->rect().contains(m_view->visualRect(current)),
                             Wait);
    // Scrolled away from it, the nodes read instead stay.
    m_view->scrollToBottom();
    const QModelIndex top = m_view->indexAt(QPoint(4, 4));
    m_view->resize(m_view->width(), 60);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->viewport()->height() < 60, Wait);
    QTest::qWait(50);
    QCOMPARE(m_view->indexAt(QPoint(4, 4)), top);
}

QTEST_MAIN(TestEventTreeView)
#include "tst_eventtreeview.moc"
