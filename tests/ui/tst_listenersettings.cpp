#include "dialogs/listenersettingsdialog.h"
#include "dialogs/responsepreset.h"
#include "live/listenersettings.h"
#include "mews/deliveryoutcome.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestListenerSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesHeaders_data();
    void parsesHeaders();
    void roundTripsThroughSettings();
    void missingOrBrokenValuesKeepDefaults();
    void dialogReturnsWhatWasEdited();
    void presetsFillTheAnswer();
    void editsFollowThePresets();
    void dialogRefusesInvalidInput_data();
    void dialogRefusesInvalidInput();
};

void TestListenerSettings::parsesHeaders_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("count");
    QTest::newRow("one") << QStringLiteral("Content-Type: application/json") << true << 1;
    QTest::newRow("blank lines and spaces")
        << QStringLiteral("\n  X-A :  1 \n\nX-B: two words\n") << true << 2;
    QTest::newRow("empty value") << QStringLiteral("X-Empty:") << true << 1;
    QTest::newRow("nothing") << QString() << true << 0;
    QTest::newRow("no colon") << QStringLiteral("Content-Type application/json") << false << 0;
    QTest::newRow("space in name") << QStringLiteral("Content Type: x") << false << 0;
    QTest::newRow("starts with colon") << QStringLiteral(": x") << false << 0;
}

void TestListenerSettings::parsesHeaders() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, count);
    HeaderList headers{{"Old", "kept on failure"}};
    QString error;
    QCOMPARE(ListenerSettings::parseHeaders(text, &headers, &error), ok);
    if (ok) {
        QCOMPARE(headers.size(), count);
        HeaderList again;
        QVERIFY(
            ListenerSettings::parseHeaders(ListenerSettings::headersText(headers), &again, &error));
        QCOMPARE(again, headers);
    } else {
        QVERIFY(error.contains(QLatin1String("line")));
        QCOMPARE(headers.size(), 1);
    }
}

void TestListenerSettings::roundTripsThroughSettings() {
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    ListenerConfig config;
    config.bindAddress = QHostAddress(QStringLiteral("::1"));
    config.port = 0;
    config.token = QStringLiteral("s3cret tok&n");
    config.maxBodyBytes = 512 * 1024;
    config.requestTimeoutMs = 5000;
    config.maxConnections = 12;
    config.response.status = 202;
    config.response.headers = {{"Content-Type", "text/plain"}, {"X-Test", "yes"}};
    config.response.body = "accepted\n";
    config.response.delayMs = 250;
    ListenerSettings::save(settings, config);
    settings.sync();
    QSettings reread(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    QCOMPARE(ListenerSettings::load(reread), config);
}

void TestListenerSettings::missingOrBrokenValuesKeepDefaults() {
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    QCOMPARE(ListenerSettings::load(settings), ListenerConfig());
    settings.setValue(QStringLiteral("listener/bind"), QStringLiteral("not an address"));
    settings.setValue(QStringLiteral("listener/port"), 70000);
    settings.setValue(QStringLiteral("listener/maxBodyBytes"), QStringLiteral("lots"));
    settings.setValue(QStringLiteral("listener/responseHeaders"), QStringLiteral("broken"));
    QCOMPARE(ListenerSettings::load(settings), ListenerConfig());
}

void TestListenerSettings::dialogReturnsWhatWasEdited() {
    ListenerConfig config;
    config.token = QStringLiteral("abc");
    ListenerSettingsDialog dialog(config);
    QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password); // masked
    QCOMPARE(dialog.tokenEdit()->text(), QStringLiteral("abc"));
    dialog.portEdit()->setValue(9999);
    dialog.bindEdit()->setCurrentText(QStringLiteral("0.0.0.0"));
    dialog.headersEdit()->setPlainText(QStringLiteral("X-Reply: 1"));
    QString error;
    const std::optional<ListenerConfig> edited = dialog.config(&error);
    QVERIFY2(edited, qPrintable(error));
    QCOMPARE(edited->port, quint16(9999));
    QCOMPARE(edited->bindAddress, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(edited->token, QStringLiteral("abc"));
    QCOMPARE(edited->response.headers, HeaderList({{"X-Reply", "1"}}));
    QCOMPARE(edited->maxBodyBytes, config.maxBodyBytes);
}

void TestListenerSettings::presetsFillTheAnswer() {
    ListenerSettingsDialog dialog{ListenerConfig()};
    QComboBox *presets = dialog.presetEdit();
    QCOMPARE(presets->count(), ResponsePreset::all().size() + 1);
    QCOMPARE(presets->currentIndex(), 1); // the default answer is the first preset
    QVERIFY(dialog.outcomeLabel()->text().startsWith(u"Delivered"_s));
    for (int i = 1; i < presets->count(); ++i) {
        const ResponseSpec &expected = ResponsePreset::all().at(i - 1).response;
        presets->setCurrentIndex(i);
        Q_EMIT presets->activated(i); // as a user's pick does
        QString error;
        const std::optional<ListenerConfig> edited = dialog.config(&error);
        QVERIFY2(edited, qPrintable(presets->itemText(i) + u": "_s + error));
        QCOMPARE(edited->response, expected);
        QCOMPARE(presets->currentIndex(), i); // the fields read back as the preset
        QCOMPARE(dialog.outcomeLabel()->text(),
                 DeliveryOutcome::of(expected.status, expected.delayMs).text);
    }
    // Each way Mews can take a delivery is there.
    QSet<DeliveryOutcome::Kind> kinds;
    for (const ResponsePreset &preset : ResponsePreset::all())
        kinds.insert(DeliveryOutcome::of(preset.response.status, preset.response.delayMs).kind);
    QVERIFY(kinds.contains(DeliveryOutcome::Kind::Delivered));
    QVERIFY(kinds.contains(DeliveryOutcome::Kind::Retried));
    QVERIFY(ResponsePreset::indexOf(ResponseSpec()) == 0);
}

void TestListenerSettings::editsFollowThePresets() {
    ListenerSettingsDialog dialog{ListenerConfig()};
    QComboBox *presets = dialog.presetEdit();
    // Only final statuses can be set, as on the command line (200-599).
    dialog.statusEdit()->setValue(101);
    QCOMPARE(dialog.statusEdit()->value(), 200);
    dialog.bodyEdit()->setPlainText(u"{\"received\":true}"_s);
    QCOMPARE(presets->currentIndex(), 0); // Custom
    QCOMPARE(presets->currentText(), u"Custom"_s);
    QVERIFY(dialog.outcomeLabel()->text().startsWith(u"Delivered"_s));
    dialog.statusEdit()->setValue(500);
    QVERIFY(dialog.outcomeLabel()->text().contains(u"failed delivery (500)"_s));
    dialog.statusEdit()->setValue(200);
    dialog.delayEdit()->setValue(5500);
    QVERIFY2(dialog.outcomeLabel()->text().contains(u"too late: Mews waits 5 s"_s),
             qPrintable(dialog.outcomeLabel()->text()));
    // Back to the default answer by hand: the preset shows again.
    dialog.delayEdit()->setValue(0);
    dialog.bodyEdit()->setPlainText(u"{\"ok\":true}"_s);
    QCOMPARE(presets->currentIndex(), 1);
    // Picking Custom changes nothing.
    Q_EMIT presets->activated(0);
    QString error;
    QCOMPARE(dialog.config(&error)->response, ResponseSpec());
}

void TestListenerSettings::dialogRefusesInvalidInput_data() {
    QTest::addColumn<QString>("bind");
    QTest::addColumn<QString>("headers");
    QTest::newRow("bind address") << QStringLiteral("localhost:80") << QString();
    QTest::newRow("header line") << QStringLiteral("127.0.0.1") << QStringLiteral("nonsense");
    // the listener would drop it: refused as on the command line
    QTest::newRow("listener's own header")
        << QStringLiteral("127.0.0.1")
        << QStringLiteral("Content-Type: text/plain\nContent-Length: 100");
}

void TestListenerSettings::dialogRefusesInvalidInput() {
    QFETCH(QString, bind);
    QFETCH(QString, headers);
    ListenerSettingsDialog dialog{ListenerConfig()};
    dialog.show();
    dialog.bindEdit()->setCurrentText(bind);
    dialog.headersEdit()->setPlainText(headers);
    QString error;
    QVERIFY(!dialog.config(&error));
    QVERIFY(!error.isEmpty());
    dialog.accept();
    QVERIFY(dialog.isVisible()); // stays open, saying why
    QVERIFY(dialog.errorLabel()->isVisible());
    QCOMPARE(dialog.errorLabel()->text(), error);
    dialog.reject();
}

QTEST_MAIN(TestListenerSettings)
#include "tst_listenersettings.moc"
