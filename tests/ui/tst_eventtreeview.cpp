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

QTEST_MAIN(TestEventTreeView)
#include "tst_eventtreeview.moc"
