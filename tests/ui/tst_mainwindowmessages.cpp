#include "../models/modeltestdata.h"
#include "scratchhome.h"
#include "windowfixture.h"

#include "live/listenercontroller.h"
#include "mainwindow.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/detail/detailheader.h"
#include "panes/detail/detailpane.h"
#include "panes/filters/filterpane.h"
#include "panes/windowstatusbar.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QSignalSpy>
#include <QToolButton>

using namespace ModelTestData;
using namespace Qt::Literals::StringLiterals;

// The main window's status-bar messages: which end when what they say stops being true,
// and which stay. Split from tst_mainwindow.cpp, which tests the panes working together.
class TestMainWindowMessages : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }
    void hiddenSelectionMessageGoesWhenShown();
    void listenerChangeEndsTheMessage();
    void selectionMessageGoesWithTheSelection();
    void storageErrorEndsTheMessage();
    void storageErrorStaysOverLaterMessages();
    void copyAsCurlSaysTheSameFromButtonAndAction();
};

void TestMainWindowMessages::hiddenSelectionMessageGoesWhenShown() {
    sendSamples();
    const qint64 selected = m_window->store()->row(0).id;
    QVERIFY(m_window->captureView()->selectCapture(selected));
    m_window->proxy()->setStates({ContractState::InvalidJson}); // hides it
    const QString message = QStringLiteral("Capture #%1 is hidden by the filter").arg(selected);
    QCOMPARE(m_window->windowStatusBar()->currentMessage(), message);
    m_window->filterPane()->clearFilters();
    QCOMPARE(m_window->captureView()->currentCaptureId(), selected);
    QCOMPARE(m_window->windowStatusBar()->currentMessage(), QString()); // no longer true
}

void TestMainWindowMessages::listenerChangeEndsTheMessage() {
    // A message hides the listener's state; once that changes, the message is stale.
    WindowStatusBar *status = m_window->windowStatusBar();
    QSignalSpy stopped(m_window->pipeline(), &CapturePipeline::listenerStopped);
    m_window->actions().listen->trigger();
    QVERIFY(stopped.wait(Wait));
    m_window->listener()->sendSamples();
    QCOMPARE(status->currentMessage(), QStringLiteral("Start listening first"));
    QSignalSpy listening(m_window, &MainWindow::listening);
    m_window->actions().listen->trigger();
    QVERIFY(listening.wait(Wait));
    QCOMPARE(status->currentMessage(), QString());
    QVERIFY(status->listenerText().startsWith(QLatin1String("Listening on ")));

    sendSamples();
    QCOMPARE(status->currentMessage(),
             QStringLiteral("Sent %1 sample webhooks").arg(samplesCount()));
    m_window->actions().listen->trigger();
    QVERIFY(stopped.wait(Wait));
    QCOMPARE(status->currentMessage(), QString());
    QCOMPARE(status->listenerText(), QStringLiteral("Not listening"));
}

void TestMainWindowMessages::selectionMessageGoesWithTheSelection() {
    WindowStatusBar *status = m_window->windowStatusBar();
    sendSamples();
    m_window->captureView()->clearCurrent();
    m_window->actions().copyCurl->trigger();
    QCOMPARE(status->currentMessage(), QStringLiteral("Select a capture first"));
    const qint64 first = m_window->store()->row(0).id;
    QVERIFY(m_window->captureView()->selectCapture(first));
    QCOMPARE(status->currentMessage(), QString());

    // The hidden capture is no longer the selection once another is selected.
    m_window->proxy()->setStates({ContractState::InvalidJson}); // the malformed sample
    QCOMPARE(status->currentMessage(),
             QStringLiteral("Capture #%1 is hidden by the filter").arg(first));
    const qint64 shown =
        m_window->proxy()->index(0, 0).data(CaptureTableModel::IdRole).toLongLong();
    QVERIFY(shown > 0);
    QVERIFY(m_window->captureView()->selectCapture(shown));
    QCOMPARE(status->currentMessage(), QString());
    m_window->filterPane()->clearFilters();
    // Other messages stay for their time.
    status->showMessage(QStringLiteral("Copied"), 8000);
    QVERIFY(m_window->captureView()->selectCapture(first));
    QCOMPARE(status->currentMessage(), QStringLiteral("Copied"));
}

void TestMainWindowMessages::storageErrorEndsTheMessage() {
    WindowStatusBar *status = m_window->windowStatusBar();
    status->showMessage(QStringLiteral("Copied a curl command"), 8000);
    Q_EMIT m_window->pipeline()->storageFailed(QStringLiteral("No space left on device"));
    QVERIFY(status->storageErrorShown());
    QCOMPARE(status->currentMessage(), QString());
}

void TestMainWindowMessages::storageErrorStaysOverLaterMessages() {
    // Captures are at risk while the alarm is true: Ctrl+Shift+C's message may not hide it.
    WindowStatusBar *status = m_window->windowStatusBar();
    m_window->resize(1024, 700);
    sendSamples();
    QVERIFY(m_window->captureView()->selectCapture(m_window->store()->row(0).id));
    Q_EMIT m_window->pipeline()->storageFailed(QStringLiteral("No space left on device"));
    m_window->actions().copyCurl->trigger();
    QVERIFY(status->currentMessage().startsWith(QLatin1String("Copied a curl command")));
    QVERIFY(status->storageErrorShown());
    QLabel *alarm = nullptr;
    for (QLabel *label : status->findChildren<QLabel *>()) {
        if (label->text() == status->storageText())
            alarm = label;
    }
    QVERIFY(alarm);
    QTRY_VERIFY_WITH_TIMEOUT(alarm->isVisible(), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(alarm->width() >= alarm->minimumSizeHint().width(), Wait);
    QVERIFY(status->rect().contains(alarm->geometry()));
    QVERIFY(alarm->toolTip().contains(QLatin1String("No space left on device")));
    // The message is drawn left of the first permanent widget, the alarm: it has room too.
    QVERIFY2(alarm->x() >= status->width() / 4, qPrintable(QString::number(alarm->x())));
    // The journal's reason says what could not be written; the alarm does not repeat it.
    Q_EMIT m_window->pipeline()->storageFailed(
        QStringLiteral("Cannot write to /data/s.mwsession: database or disk is full"));
    QCOMPARE(status->storageText().count(QLatin1String("Cannot write")), 1);
    QVERIFY(status->storageText().startsWith(
        QLatin1String("Cannot write to /data/s.mwsession: database or disk is full. ")));
    // The alarm goes when writing works again, and only then.
    Q_EMIT m_window->pipeline()->storageRecovered(1);
    QVERIFY(!status->storageErrorShown());
}

// The detail pane's button and the Edit menu's action (and the table's context menu) say
// the same in the status bar: that secrets are masked, and that an imported body its HAR
// file holds decompressed goes out labelled gzip.
void TestMainWindowMessages::copyAsCurlSaysTheSameFromButtonAndAction() {
    WindowStatusBar *status = m_window->windowStatusBar();
    m_window->session()->importHar(TestSupport::dataPath(QStringLiteral("har/mitmproxy-gzip.har")));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), 1, Wait);
    const qint64 id = m_window->store()->row(0).id;
    QVERIFY(m_window->captureView()->selectCapture(id));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), id, Wait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->detailPane()->isLoading(), Wait);

    m_window->actions().copyCurl->trigger();
    const QString fromAction = status->currentMessage();
    QVERIFY2(fromAction.startsWith(QLatin1String("Copied a curl command (secrets masked")),
             qPrintable(fromAction));
    QVERIFY2(fromAction.contains(QLatin1String("Content-Encoding field still says gzip")),
             qPrintable(fromAction));
    status->clearMessage();
    QApplication::clipboard()->clear();
    m_window->detailPane()->header()->curlButton()->click();
    QCOMPARE(status->currentMessage(), fromAction);
    QCOMPARE(QApplication::clipboard()->text(), m_window->detailPane()->curlCommand());
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestMainWindowMessages>(argc, argv,
                                                    QStringLiteral("tst_mainwindowmessages"));
}

#include "tst_mainwindowmessages.moc"
