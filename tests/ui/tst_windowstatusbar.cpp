#include "panes/windowstatusbar.h"

#include <QApplication>
#include <QHelpEvent>
#include <QLabel>
#include <QMainWindow>
#include <QTest>
#include <QToolTip>

// The status bar in a narrow window: what does not fit is cut short, never clipped at the
// window's edge, and the whole text is a tooltip away.
class TestWindowStatusBar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void longTextsDoNotWidenTheWindow();
    void aLongMessageIsCutShortWithTheWholeInItsTooltip();

private:
    std::unique_ptr<QMainWindow> m_window;
    WindowStatusBar *m_bar = nullptr;
};

namespace {

constexpr int Wait = 5000;
constexpr int NarrowWidth = 420;

const QString LongSession = QStringLiteral("webhooks-of-the-integration-test-enterprise-in-the-"
                                           "demo-environment-2026-12-06.mwsession");

/// The tooltip a hover at pos (in the bar) shows, or empty.
QString toolTipAt(QWidget *widget, const QPoint &pos) {
    QToolTip::hideText(); // hides after a delay
    if (!QTest::qWaitFor([] { return !QToolTip::isVisible(); }, Wait))
        return QStringLiteral("(the last tooltip stays)");
    QHelpEvent help(QEvent::ToolTip, pos, widget->mapToGlobal(pos));
    QApplication::sendEvent(widget, &help);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

} // namespace

void TestWindowStatusBar::init() {
    m_window = std::make_unique<QMainWindow>();
    m_bar = new WindowStatusBar(m_window.get());
    m_window->setStatusBar(m_bar);
    m_window->setCentralWidget(new QWidget);
    m_bar->setListening(QStringLiteral("http://127.0.0.1:18765/"));
    m_bar->setCounts(123456, 1234567);
    m_bar->setSession(QStringLiteral("/tmp/") + LongSession, false, false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWindowStatusBar::cleanup() {
    QToolTip::hideText();
    m_window.reset();
}

void TestWindowStatusBar::longTextsDoNotWidenTheWindow() {
    // Counts of a big session and a long file name fit a narrow window.
    QVERIFY2(m_window->minimumSizeHint().width() <= NarrowWidth,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    m_window->resize(NarrowWidth, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_bar->width(), NarrowWidth, Wait);
    QLabel *session = nullptr;
    for (QLabel *label : m_bar->findChildren<QLabel *>()) {
        if (!label->isVisible())
            continue;
        // Inside the bar, and not squeezed below what it asks for.
        const QString where = QStringLiteral("'%1' at %2..%3 of %4")
                                  .arg(label->text())
                                  .arg(label->x())
                                  .arg(label->geometry().right())
                                  .arg(m_bar->width());
        QVERIFY2(m_bar->rect().contains(label->geometry()), qPrintable(where));
        QVERIFY2(label->width() >= label->minimumSizeHint().width(), qPrintable(where));
        if (label->text() == LongSession)
            session = label;
    }
    QVERIFY(session);
    // Cut short: the tooltip has the whole name.
    const QString tip = toolTipAt(session, session->rect().center());
    QVERIFY2(tip.contains(LongSession), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("as they arrive")), qPrintable(tip));
}

void TestWindowStatusBar::aLongMessageIsCutShortWithTheWholeInItsTooltip() {
    m_bar->setCounts(45, 45);
    m_bar->setSession(QStringLiteral("/tmp/untitled.mwsession"), true, true);
    m_window->resize(NarrowWidth, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_bar->width(), NarrowWidth, Wait);
    const QString message = QStringLiteral("Saved as /tmp/") + LongSession;
    m_bar->showMessage(message, 60000);
    QCOMPARE(m_bar->currentMessage(), message);
    QVERIFY(m_bar->messageElided());
    const QRect room = m_bar->messageRect();
    QVERIFY(room.width() > 0);
    QVERIFY2(m_bar->fontMetrics().horizontalAdvance(message) > room.width(),
             "the message fits: the test shows nothing");
    QCOMPARE(toolTipAt(m_bar, room.center()), message);
    // A short one fits and needs no tooltip.
    m_bar->showMessage(QStringLiteral("Sent 17 samples"), 60000);
    QVERIFY(!m_bar->messageElided());
    QCOMPARE(toolTipAt(m_bar, room.center()), QString());
}

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    TestWindowStatusBar test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowstatusbar.moc"
