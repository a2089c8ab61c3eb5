#include "mews/fieldformat.h"

#include <QTest>

class TestFieldFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
};

void TestFieldFormat::formats_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    const auto guid = [](const char *name, const char *value, bool valid) {
        QTest::newRow(name) << "guid" << QString::fromUtf8(value) << valid;
    };
    guid("guid", "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15", true);
    guid("guid upper", "3B0F6C1E-5D2A-4F7E-9A41-6C2D8E0B7F15", true);
    guid("guid nil", "00000000-0000-0000-0000-000000000000", true);
    guid("guid braces", "{3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15}", false);
    guid("guid no dashes", "3b0f6c1e5d2a4f7e9a416c2d8e0b7f15", false);
    guid("guid short", "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f1", false);
    guid("guid letter g", "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f1g", false);
    guid("guid dash moved", "3b0f6c1e5-d2a-4f7e-9a41-6c2d8e0b7f15", false);
    guid("guid empty", "", false);
    const auto time = [](const char *name, const char *value, bool valid) {
        QTest::newRow(name) << "utc-timestamp" << QString::fromUtf8(value) << valid;
    };
    time("time", "2025-03-14T09:26:41Z", true);
    time("time fraction", "2025-03-14T09:26:41.1234567Z", true);
    time("time leap day", "2024-02-29T00:00:00Z", true);
    time("time leap second", "2016-12-31T23:59:60Z", true);
    time("time no leap day", "2025-02-29T00:00:00Z", false);
    time("time offset", "2025-03-14T09:26:41+00:00", false);
    time("time local", "2025-03-14T09:26:41", false);
    time("time space", "2025-03-14 09:26:41Z", false);
    time("time lower z", "2025-03-14T09:26:41z", false);
    time("time empty fraction", "2025-03-14T09:26:41.Z", false);
    time("time hour 24", "2025-03-14T24:00:00Z", false);
    time("time minute 60", "2025-03-14T09:60:00Z", false);
    time("time month 13", "2025-13-14T09:26:41Z", false);
    time("time no seconds", "2025-03-14T09:26Z", false);
    time("time digits", "2025-03-14T09:26:4xZ", false);
    const auto email = [](const char *name, const char *value, bool valid) {
        QTest::newRow(name) << "email" << QString::fromUtf8(value) << valid;
    };
    email("email", "marta.ribeiro@example.com", true);
    email("email local domain", "admin@localhost", true);
    email("email no at", "marta.example.com", false);
    email("email two ats", "a@b@c", false);
    email("email space", "marta ribeiro@example.com", false);
    email("email empty local", "@example.com", false);
    email("email dot domain", "a@example..com", false);
    QTest::newRow("unknown format accepts") << "colour"
                                            << "anything" << true;
}

void TestFieldFormat::formats() {
    QFETCH(QString, format);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QCOMPARE(FieldFormat::matches(format, value), valid);
    QCOMPARE(FieldFormat::isKnown(format), format != QLatin1String("colour"));
}

QTEST_GUILESS_MAIN(TestFieldFormat)
#include "tst_fieldformat.moc"
