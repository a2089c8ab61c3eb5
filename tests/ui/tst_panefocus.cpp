#include "scratchhome.h"
#include "windowfixture.h"

#include "panes/captures/capturetableview.h"
#include "panes/detail/detailheader.h"
#include "panes/detail/detailpane.h"
#include "panes/events/eventpane.h"
#include "panes/filters/filterpane.h"
#include "panes/listener/listenerbar.h"
#include "panes/panefocus.h"

#include <QApplication>
#include <QLineEdit>
#include <QScrollArea>
#include <QTest>

// The keyboard's way through the window: Tab in reading order.
class TestPaneFocus : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { tearDown(); }
    void tabFollowsThePanesInReadingOrder();
    void findShowsHiddenFilters();
    void escInTheSearchGoesBackToTheCaptures();
    void anOpenedSessionHasTheFocusOnItsCaptures();

private:
    /// Which pane has the focus: 0 the toolbar, 1 the filters, 2 the captures, 3 the
    /// events, 4 the detail; -1 none of them.
    int paneOfFocus() const;
};

void TestPaneFocus::init() {
    QVERIFY(setUp());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
}

int TestPaneFocus::paneOfFocus() const {
    const QWidget *focus = QApplication::focusWidget();
    const QList<const QWidget *> panes{m_window->listenerBar(), m_window->filterPane(),
                                       m_window->captureView(), m_window->eventPane(),
                                       m_window->detailPane()};
    for (qsizetype i = 0; focus && i < panes.size(); ++i) {
        if (panes.at(i) == focus || panes.at(i)->isAncestorOf(focus))
            return int(i);
    }
    return -1;
}

void TestPaneFocus::tabFollowsThePanesInReadingOrder() {
    sendSamples();
    // With a capture shown, every pane has something to stop at.
    QVERIFY(m_window->captureView()->selectCapture(m_window->store()->row(2).id));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->detailPane()->header()->isVisible(), Wait);
    m_window->filterPane()->focusSearch();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->filterPane()->searchEdit()->hasFocus(), Wait);
    QList<int> visited{paneOfFocus()};
    for (int step = 0; step < 60; ++step) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        const int pane = paneOfFocus();
        // The filter lists scroll into view by themselves: their scroll area is no stop.
        QVERIFY(!(pane == 1 && qobject_cast<QScrollArea *>(QApplication::focusWidget())));
        if (pane != visited.constLast())
            visited.append(pane);
        if (m_window->filterPane()->searchEdit()->hasFocus())
            break;
    }
    // The search and the filter lists, the captures, the events, the detail, the
    // toolbar's URL and round to the search.
    QCOMPARE(visited, QList<int>({1, 2, 3, 4, 0, 1}));
}

void TestPaneFocus::findShowsHiddenFilters() {
    m_window->actions().showFilters->setChecked(false); // Ctrl+Shift+F
    QVERIFY(!m_window->filterPane()->isVisible());
    m_window->captureView()->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->captureView()->hasFocus(), Wait);
    QTest::keyClick(m_window->captureView(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(m_window->filterPane()->isVisible());
    QVERIFY(m_window->actions().showFilters->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->filterPane()->searchEdit()->hasFocus(), Wait);
}

void TestPaneFocus::escInTheSearchGoesBackToTheCaptures() {
    sendSamples();
    QLineEdit *search = m_window->filterPane()->searchEdit();
    m_window->actions().find->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(search->hasFocus(), Wait);
    QTest::keyClicks(search, QStringLiteral("Customer"));
    // The first Esc clears the search and stays; the second leaves the box.
    QTest::keyClick(search, Qt::Key_Escape);
    QCOMPARE(search->text(), QString());
    QVERIFY(search->hasFocus());
    QTest::keyClick(search, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->captureView()->hasFocus(), Wait);
    // The arrow keys step through the captures from there.
    QTest::keyClick(m_window->captureView(), Qt::Key_Down);
    QCOMPARE(m_window->captureView()->currentCaptureId(), m_window->store()->row(0).id);
}

void TestPaneFocus::anOpenedSessionHasTheFocusOnItsCaptures() {
    sendSamples();
    const QString saved = m_dir.filePath(QStringLiteral("focus.mwsession"));
    m_prompts->savePath = saved;
    m_window->actions().saveAs->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->path() == saved && !m_window->session()->isBusy(),
                             Wait);
    m_window->actions().newSession->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->isUntitled() && !m_window->session()->isBusy(),
                             Wait);
    // Where the focus was before (the search box, as after Ctrl+F) does not matter.
    m_window->filterPane()->focusSearch();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->filterPane()->searchEdit()->hasFocus(), Wait);
    QSignalSpy loaded(m_window->session(), &SessionController::loaded);
    m_window->session()->open(saved);
    QVERIFY(loaded.wait(Wait));
    QCOMPARE(m_window->store()->size(), qsizetype(samplesCount()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->captureView()->hasFocus(), Wait);
    QTest::keyClick(m_window->captureView(), Qt::Key_Down);
    QCOMPARE(m_window->captureView()->currentCaptureId(), m_window->store()->row(0).id);
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestPaneFocus>(argc, argv, QStringLiteral("tst_panefocus"));
}

#include "tst_panefocus.moc"
