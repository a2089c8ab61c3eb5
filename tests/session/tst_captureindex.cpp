#include "sessiontestdata.h"

#include "session/captureindex.h"

#include <QTest>

using namespace SessionTestData;

class TestCaptureIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rowAndCaptureAgreeOnTheResponse_data();
    void rowAndCaptureAgreeOnTheResponse();
};

void TestCaptureIndex::rowAndCaptureAgreeOnTheResponse_data() {
    QTest::addColumn<Capture>("capture");
    QTest::addColumn<ResponseRecord>("record");
    const Capture answered = webhook("{}", 1);
    Capture cutShort = answered;
    cutShort.response = {};
    cutShort.rejection = QStringLiteral("the client closed the connection before the request "
                                        "was complete");
    // A salvage rebuilds a capture from its request with status 0 and no rejection,
    // whatever the response's time says.
    Capture salvaged = answered;
    salvaged.response.status = 0;
    Capture salvagedUnanswered = salvaged;
    salvagedUnanswered.response.sentUtcMs = 0;
    Capture harWithout = answered;
    harWithout.origin = CaptureOrigin::HarImport;
    harWithout.response = {};
    QTest::newRow("answered") << answered << ResponseRecord::Answered;
    QTest::newRow("cut short by its client") << cutShort << ResponseRecord::NotSent;
    QTest::newRow("salvaged") << salvaged << ResponseRecord::Unknown;
    QTest::newRow("salvaged, no response time") << salvagedUnanswered << ResponseRecord::Unknown;
    QTest::newRow("HAR entry without a response") << harWithout << ResponseRecord::NotInHar;
}

// The table reads the row, the detail pane the capture: they must say the same.
void TestCaptureIndex::rowAndCaptureAgreeOnTheResponse() {
    QFETCH(Capture, capture);
    QFETCH(ResponseRecord, record);
    capture.id = 1;
    CaptureIndex index;
    QVERIFY(index.append(analyse(capture)));
    QCOMPARE(capture.responseRecord(), record);
    QCOMPARE(index.row(0).responseRecord(), record);
}

QTEST_GUILESS_MAIN(TestCaptureIndex)
#include "tst_captureindex.moc"
