#include "contractcheckertestdata.h"
#include "mews/contractchecker.h"
#include "mews/contractschema.h"
#include "mews/jsontree.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QTest>

#include <optional>

using namespace ContractCheckerTestData;

class TestContractCheckerValues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void valueChecks_data();
    void valueChecks();
    void numbersAsWritten_data();
    void numbersAsWritten();
};

void TestContractCheckerValues::valueChecks_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("severity"); // -1: no finding at the path
    const QString orders = QStringLiteral("general-ServiceOrderUpdated.json");
    const QString start = QStringLiteral("Entities.ServiceOrders[0].StartUtc");
    const auto row = [](const char *name, const QString &file, const QString &path,
                        const QJsonValue &value, int severity) {
        QTest::newRow(name) << file << path << value << severity;
    };
    const int none = -1;
    const int note = int(FindingSeverity::Note);
    const int warning = int(FindingSeverity::Warning);
    const int error = int(FindingSeverity::Error);
    row("time with fraction", orders, start, QStringLiteral("2025-03-14T09:26:41.123Z"), none);
    row("time with offset", orders, start, QStringLiteral("2025-03-14T09:26:41+01:00"), error);
    row("time without zone", orders, start, QStringLiteral("2025-03-14T09:26:41"), error);
    row("time lower-case z", orders, start, QStringLiteral("2025-03-14T09:26:41z"), error);
    row("date only", orders, start, QStringLiteral("2025-03-14"), error);
    row("30 February", orders, start, QStringLiteral("2025-02-30T09:26:41Z"), error);
    row("hour 24", orders, start, QStringLiteral("2025-03-14T24:00:00Z"), error);
    row("empty time", orders, start, QString(), error);
    row("upper-case GUID", orders, QStringLiteral("Entities.ServiceOrders[0].RateId"),
        QStringLiteral("2C4E6A8B-0D1F-4A35-97B9-D1E3F5A7C9B2"), none);
    row("braced GUID", orders, QStringLiteral("Entities.ServiceOrders[0].RateId"),
        QStringLiteral("{2c4e6a8b-0d1f-4a35-97b9-d1e3f5a7c9b2}"), error);
    row("GUID without dashes", orders, QStringLiteral("Entities.ServiceOrders[0].RateId"),
        QStringLiteral("2c4e6a8b0d1f4a3597b9d1e3f5a7c9b2"), error);
    row("Enquired", orders, QStringLiteral("Entities.ServiceOrders[0].State"),
        QStringLiteral("Enquired"), none);
    row("Inquired", orders, QStringLiteral("Entities.ServiceOrders[0].State"),
        QStringLiteral("Inquired"), note);
    row("unknown state", orders, QStringLiteral("Entities.ServiceOrders[0].State"),
        QStringLiteral("Waitlisted"), warning);
    row("Commander", orders, QStringLiteral("Entities.ServiceOrders[0].Origin"),
        QStringLiteral("Commander"), none);
    row("CommanderPhone", orders, QStringLiteral("Entities.ServiceOrders[0].Origin"),
        QStringLiteral("CommanderPhone"), none);
    row("unknown origin", orders, QStringLiteral("Entities.ServiceOrders[0].Origin"),
        QStringLiteral("Fax"), warning);
    row("AdultCount", orders, QStringLiteral("Entities.ServiceOrders[0].AdultCount"), 3, note);
    row("nullable optional", orders, QStringLiteral("Entities.ServiceOrders[1].CompanyId"),
        QJsonValue(), none);
    const QString resource = QStringLiteral("general-ResourceUpdated.json");
    row("resource state", resource, QStringLiteral("Entities.Resources[0].State"),
        QStringLiteral("OutOfOrder"), none);
    row("unknown resource state", resource, QStringLiteral("Entities.Resources[0].State"),
        QStringLiteral("Haunted"), warning);
    row("resource kind Object", resource,
        QStringLiteral("Entities.Resources[0].Data.Discriminator"), QStringLiteral("Object"), none);
    row("unknown resource kind", resource,
        QStringLiteral("Entities.Resources[0].Data.Discriminator"), QStringLiteral("Vehicle"),
        note);
    row("floor as number", resource, QStringLiteral("Entities.Resources[0].Data.Value.FloorNumber"),
        3, error);
    row("description as number", resource,
        QStringLiteral("Entities.Resources[0].Descriptions.en-US"), 3, error);
    const QString message = QStringLiteral("general-MessageAdded.json");
    row("sender Application", message, QStringLiteral("Entities.Messages[0].Sender.Discriminator"),
        QStringLiteral("Application"), none);
    row("unknown sender", message, QStringLiteral("Entities.Messages[0].Sender.Discriminator"),
        QStringLiteral("Robot"), note);
    row("sender value null", message, QStringLiteral("Entities.Messages[0].Sender.Value"),
        QJsonValue(), none);
    const QString block = QStringLiteral("general-ResourceBlockUpdated.json");
    row("block InternalUse", block, QStringLiteral("Entities.ResourceBlocks[0].Type"),
        QStringLiteral("InternalUse"), none);
    row("unknown block type", block, QStringLiteral("Entities.ResourceBlocks[0].Type"),
        QStringLiteral("Renovation"), warning);
    row("block deleted", block, QStringLiteral("Entities.ResourceBlocks[0].DeletedUtc"),
        QStringLiteral("2025-03-22T16:00:00Z"), none);
    const QString created = QStringLiteral("integration-IntegrationCreated.json");
    row("requestor null", created, QStringLiteral("Data.Requestor"), QJsonValue(), none);
    row("service null", created, QStringLiteral("Data.Service"), QJsonValue(), none);
    row("IsEnabled as string", created, QStringLiteral("Data.IsEnabled"), QStringLiteral("true"),
        error);
    row("unknown action", created, QStringLiteral("Action"), QStringLiteral("IntegrationMoved"),
        note);
}

void TestContractCheckerValues::valueChecks() {
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(int, severity);
    const QList<ContractFinding> findings = check(with(sample(file), path, value));
    QList<ContractFinding> atPath;
    for (const ContractFinding &finding : findings) {
        if (finding.path == path)
            atPath.append(finding);
    }
    if (severity < 0) {
        QVERIFY2(atPath.isEmpty(), qPrintable(text(atPath)));
    } else {
        QCOMPARE(atPath.size(), 1);
        QCOMPARE(int(atPath.constFirst().severity), severity);
    }
    // Nothing else in the sample changes because of it, except a discriminator's own Value.
    for (const ContractFinding &finding : findings) {
        if (finding.path != path && !finding.path.startsWith(path + QLatin1Char('.')))
            QVERIFY2(finding.severity == FindingSeverity::Note, qPrintable(text(findings)));
    }
}

void TestContractCheckerValues::numbersAsWritten_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("member"); // as it is in the sample
    QTest::addColumn<QByteArray>("number"); // the text put in its place
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error"); // empty: no error at the path
    const QString orders = QStringLiteral("general-ServiceOrderUpdated.json");
    const QByteArray count = "\"Count\": 1\n";
    const QString countPath = QStringLiteral("Entities.ServiceOrders[1].PersonCounts[0].Count");
    const auto countRow = [&](const char *name, const QByteArray &number, const char *error) {
        QTest::newRow(name) << orders << count << number + '\n'
                            << countPath << QString::fromUtf8(error);
    };
    countRow("1e400", "1e400",
             "Count must be an integer; 1e400 is out of range for a 64-bit integer.");
    countRow("-1e400", "-1e400",
             "Count must be an integer; -1e400 is out of range for a 64-bit integer.");
    countRow("1.5e400", "1.5e400",
             "Count must be an integer; 1.5e400 is out of range for a 64-bit integer.");
    countRow("beyond 64 bits", "123456789012345678901234567890",
             "Count must be an integer; 123456789012345678901234567890 is out of range for a "
             "64-bit integer.");
    countRow("2^63", "9223372036854775808",
             "Count must be an integer; 9223372036854775808 is out of range for a 64-bit integer.");
    countRow("2^63 - 1", "9223372036854775807", "");
    countRow("-2^63", "-9223372036854775808", "");
    countRow("2^53 + 1", "9007199254740993", "");
    countRow("1e2", "1e2", "");
    countRow("1.0", "1.0", "");
    countRow("-0", "-0", "");
    countRow("100e-2", "100e-2", "");
    countRow("fraction", "1.5", "Count must be an integer; got a number (1.5).");
    countRow("below a double", "1e-400", "Count must be an integer; got a number (1e-400).");
    countRow("fraction beyond a double's precision", "1.00000000000000000001",
             "Count must be an integer; got a number (1.00000000000000000001).");
    QTest::newRow("AdultCount 1e400")
        << orders << QByteArray("\"AdultCount\": 2,") << QByteArray("1e400,")
        << QStringLiteral("Entities.ServiceOrders[0].AdultCount")
        << "AdultCount must be an integer; 1e400 is out of range for a 64-bit integer.";
    QTest::newRow("IsEnabled 1e400") << QStringLiteral("integration-IntegrationCreated.json")
                                     << QByteArray("\"IsEnabled\": true,") << QByteArray("1e400,")
                                     << QStringLiteral("Data.IsEnabled")
                                     << "IsEnabled must be true or false; got a number (1e400).";
}

// Numbers are judged and quoted as they were written, not as the double they make.
void TestContractCheckerValues::numbersAsWritten() {
    QFETCH(QString, file);
    QFETCH(QByteArray, member);
    QFETCH(QByteArray, number);
    QFETCH(QString, path);
    QFETCH(QString, error);
    QByteArray body = TestSupport::readData(QStringLiteral("samples/") + file);
    const qsizetype at = body.indexOf(member);
    QVERIFY(at >= 0);
    const qsizetype value = body.indexOf(':', at) + 2;
    body.replace(value, at + member.size() - value, number);
    const std::optional<JsonTree> tree = JsonTree::parse(body);
    QVERIFY2(tree, body.constData());
    QList<ContractFinding> findings;
    const ContractSchema &schema = ContractSchema::instance();
    const WebhookKind kind = file.startsWith(QLatin1String("integration"))
                                 ? WebhookKind::Integration
                                 : WebhookKind::General;
    ContractChecker(schema).check(tree->root(), schema.rootType(kind), findings);
    QList<ContractFinding> errors;
    for (const ContractFinding &finding : std::as_const(findings)) {
        if (finding.severity == FindingSeverity::Error)
            errors.append(finding);
    }
    QCOMPARE(errors.isEmpty(), error.isEmpty());
    if (!error.isEmpty()) {
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.constFirst(), (ContractFinding{path, FindingSeverity::Error, error}));
    }
}

QTEST_GUILESS_MAIN(TestContractCheckerValues)
#include "tst_contractcheckervalues.moc"
