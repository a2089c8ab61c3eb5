#include "scratchhome.h"
#include "windowfixture.h"

#include "mainwindow.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/detail/detailheader.h"
#include "panes/detail/detailpane.h"
#include "panes/events/eventpane.h"
#include "panes/filters/filterpane.h"
#include "panes/windowstatusbar.h"
#include "session/capturestore.h"

#include <QHeaderView>
#include <QScreen>
#include <QSplitter>
#include <QTableView>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

// The main window's size and layout: what it remembers, and how small it can get. Split
// from tst_mainwindow.cpp, which tests the panes working together.
class TestMainWindowLayout : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }
    void layoutIsRemembered();
    void firstWindowFitsTheScreen();
    void theSmallestWindowKeepsEveryPaneUsable();
    void aWindowNeverStartedClosesCleanly();
};

// A window made and then dropped before start() (the app quits on a signal, a start-up
// prompt is refused) has no session and no listener: it must still go away cleanly.
void TestMainWindowLayout::aWindowNeverStartedClosesCleanly() {
    for (const bool shown : {false, true}) {
        auto window = std::make_unique<MainWindow>();
        if (shown) {
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        }
        window.reset(); // crashed: the store, going first, reset views half taken down
    }
}

void TestMainWindowLayout::layoutIsRemembered() {
    CaptureTableView *table = m_window->captureView();
    table->setColumnHidden(CaptureTableModel::PathColumn, true);
    table->setColumnHidden(CaptureTableModel::KindColumn, false);
    table->sortByColumn(CaptureTableModel::SizeColumn, Qt::DescendingOrder);
    m_window->actions().eventsAsList->setChecked(false);
    m_window->actions().followNewest->setChecked(true);
    m_window->actions().showFilters->setChecked(false);
    auto *list = m_window->findChild<QSplitter *>(QStringLiteral("listSplitter"));
    QVERIFY(list);
    const int total = list->sizes().at(0) + list->sizes().at(1);
    list->setSizes({total / 2, total - total / 2});
    const QList<int> listSizes = list->sizes();
    closeWindow(m_window);
    m_window = startWindow();
    table = m_window->captureView();
    QVERIFY(table->isColumnHidden(CaptureTableModel::PathColumn));
    QVERIFY(!table->isColumnHidden(CaptureTableModel::KindColumn));
    QCOMPARE(m_window->proxy()->sortColumn(), int(CaptureTableModel::SizeColumn));
    QCOMPARE(m_window->proxy()->sortOrder(), Qt::DescendingOrder);
    QVERIFY(!m_window->eventPane()->isFlat());
    QVERIFY(!m_window->actions().eventsAsList->isChecked());
    QVERIFY(m_window->actions().followNewest->isChecked());
    QVERIFY(!m_window->actions().showFilters->isChecked());
    QVERIFY(m_window->filterPane()->isHidden());
    list = m_window->findChild<QSplitter *>(QStringLiteral("listSplitter"));
    QCOMPARE(list->sizes(), listSizes);
}

void TestMainWindowLayout::firstWindowFitsTheScreen() {
    // No layout is remembered yet (every test starts from default settings). The
    // offscreen platform's screen is 800 x 600, smaller than the window would like.
    const QScreen *screen = m_window->screen();
    QVERIFY(screen);
    const QSize available = screen->availableGeometry().size();
    const QSize size = m_window->size();
    QVERIFY2(size.width() <= available.width() && size.height() <= available.height(),
             qPrintable(QStringLiteral("%1x%2 on a %3x%4 screen")
                            .arg(size.width())
                            .arg(size.height())
                            .arg(available.width())
                            .arg(available.height())));
    QVERIFY(size.width() * 2 > available.width() && size.height() * 2 > available.height());
}

void TestMainWindowLayout::theSmallestWindowKeepsEveryPaneUsable() {
    const QSize least = m_window->minimumSize();
    sendSamples();
    CaptureTableView *table = m_window->captureView();
    QVERIFY(table->selectCapture(m_window->store()->row(2).id));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->detailPane()->header()->isVisible(), Wait);
    // Counts that grow and a capture shown do not widen the window.
    QTest::qWait(100); // the layout's request is posted
    QCOMPARE(m_window->minimumSize(), least);
    // Well within the offscreen screen's 800 x 600.
    QVERIFY2(least.width() <= 640 && least.height() <= 420,
             qPrintable(QStringLiteral("%1x%2").arg(least.width()).arg(least.height())));
    m_window->resize(300, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->size(), least, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->centralWidget()->size(),
                              m_window->centralWidget()->minimumSizeHint(), Wait);
    // Each list shows whole rows enough to work with, and no pane is squeezed below
    // what it needs.
    QTableView *events = m_window->eventPane()->listView();
    for (const QTableView *list : QList<const QTableView *>{table, events}) {
        const int rowHeight = list->verticalHeader()->defaultSectionSize();
        QVERIFY2(list->viewport()->height() >= 4 * rowHeight,
                 qPrintable(QStringLiteral("%1: %2 px, rows of %3")
                                .arg(list == table ? "captures"_L1 : "events"_L1)
                                .arg(list->viewport()->height())
                                .arg(rowHeight)));
    }
    const QList<const QWidget *> panes{m_window->filterPane(), table, m_window->eventPane(),
                                       m_window->detailPane(), m_window->windowStatusBar()};
    for (const QWidget *pane : panes) {
        const QString what = QStringLiteral("%1: %2x%3, needs %4x%5")
                                 .arg(QString::fromLatin1(pane->metaObject()->className()))
                                 .arg(pane->width())
                                 .arg(pane->height())
                                 .arg(pane->minimumSizeHint().width())
                                 .arg(pane->minimumSizeHint().height());
        QVERIFY2(pane->width() >= pane->minimumSizeHint().width() &&
                     pane->height() >= pane->minimumSizeHint().height(),
                 qPrintable(what));
    }
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestMainWindowLayout>(argc, argv,
                                                  QStringLiteral("tst_mainwindowlayout"));
}

#include "tst_mainwindowlayout.moc"
