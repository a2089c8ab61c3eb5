#include "session/embeddedentities.h"

#include <QTest>

namespace {

EmbeddedEntity entity(quint32 capture, quint32 ordinal) {
    EmbeddedEntity e;
    e.entity.capture = capture;
    e.ordinal = ordinal;
    e.path = 100 * capture + ordinal;
    return e;
}

/// "capture.ordinal" of each entity, in order, separated by spaces.
QByteArray spell(std::span<const EmbeddedEntity> entities) {
    QByteArrayList out;
    for (const EmbeddedEntity &e : entities)
        out.append(QByteArray::number(e.entity.capture) + '.' + QByteArray::number(e.ordinal));
    return out.join(' ');
}

EmbeddedEntities threeCaptures() {
    EmbeddedEntities entities;
    for (const auto &[capture, ordinal] :
         {std::pair{0u, 0u}, {0u, 1u}, {2u, 0u}, {5u, 0u}, {5u, 1u}, {5u, 2u}})
        entities.append(entity(capture, ordinal));
    return entities;
}

} // namespace

class TestEmbeddedEntities : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findsOneCapturesEntities_data();
    void findsOneCapturesEntities();
    void replaceKeepsPositionOrder_data();
    void replaceKeepsPositionOrder();
    void emptyHasNothing();
};

void TestEmbeddedEntities::findsOneCapturesEntities_data() {
    QTest::addColumn<quint32>("position");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("first") << 0u << QByteArray("0.0 0.1");
    QTest::newRow("middle") << 2u << QByteArray("2.0");
    QTest::newRow("last") << 5u << QByteArray("5.0 5.1 5.2");
    QTest::newRow("a capture without any") << 3u << QByteArray();
    QTest::newRow("past the end") << 9u << QByteArray();
}

void TestEmbeddedEntities::findsOneCapturesEntities() {
    QFETCH(quint32, position);
    QFETCH(QByteArray, expected);
    const EmbeddedEntities entities = threeCaptures();
    QCOMPARE(spell(entities.of(position)), expected);
    for (const EmbeddedEntity &e : entities.of(position))
        QCOMPARE(e.path, 100 * position + e.ordinal);
}

void TestEmbeddedEntities::replaceKeepsPositionOrder_data() {
    QTest::addColumn<quint32>("position");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("fewer") << 5u << 1 << QByteArray("0.0 0.1 2.0 5.0");
    QTest::newRow("more, in the middle")
        << 2u << 3 << QByteArray("0.0 0.1 2.0 2.1 2.2 5.0 5.1 5.2");
    QTest::newRow("none: removed") << 0u << 0 << QByteArray("2.0 5.0 5.1 5.2");
    QTest::newRow("a capture that had none")
        << 3u << 2 << QByteArray("0.0 0.1 2.0 3.0 3.1 5.0 5.1 5.2");
    QTest::newRow("after the last") << 7u << 1 << QByteArray("0.0 0.1 2.0 5.0 5.1 5.2 7.0");
}

void TestEmbeddedEntities::replaceKeepsPositionOrder() {
    QFETCH(quint32, position);
    QFETCH(int, count);
    QFETCH(QByteArray, expected);
    EmbeddedEntities entities = threeCaptures();
    QList<EmbeddedEntity> replacement;
    for (int i = 0; i < count; ++i)
        replacement.append(entity(position, quint32(i)));
    entities.replace(position, replacement);
    QCOMPARE(spell(entities.all()), expected);
    QCOMPARE(entities.of(position).size(), size_t(count));
}

void TestEmbeddedEntities::emptyHasNothing() {
    EmbeddedEntities entities;
    QVERIFY(entities.all().empty());
    QVERIFY(entities.of(0).empty());
    entities.replace(4, {});
    QVERIFY(entities.all().empty());
    entities.append(entity(1, 0));
    QCOMPARE(spell(entities.of(1)), QByteArray("1.0"));
    QVERIFY(entities.approximateBytes() >= qsizetype(sizeof(EmbeddedEntity)));
}

QTEST_GUILESS_MAIN(TestEmbeddedEntities)
#include "tst_embeddedentities.moc"
