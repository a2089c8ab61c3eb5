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
    void replaceManyAsOneAtATime_data();
    void replaceManyAsOneAtATime();
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
    // QList erases at the front by moving its start: an index taken before is stale.
    QTest::newRow("more, at the front") << 0u << 3 << QByteArray("0.0 0.1 0.2 2.0 5.0 5.1 5.2");
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

void TestEmbeddedEntities::replaceManyAsOneAtATime_data() {
    // Each row: the captures replaced and how many entities each gets now.
    QTest::addColumn<QList<quint32>>("positions");
    QTest::addColumn<QList<int>>("counts");
    QTest::newRow("none") << QList<quint32>{} << QList<int>{};
    QTest::newRow("one") << QList<quint32>{2} << QList<int>{3};
    QTest::newRow("all, fewer and more") << QList<quint32>{0, 2, 5} << QList<int>{1, 0, 4};
    QTest::newRow("captures that had none, between")
        << QList<quint32>{1, 3, 4} << QList<int>{2, 1, 0};
    QTest::newRow("before, between and after")
        << QList<quint32>{0, 3, 5, 6, 9} << QList<int>{0, 2, 1, 3, 1};
}

void TestEmbeddedEntities::replaceManyAsOneAtATime() {
    QFETCH(QList<quint32>, positions);
    QFETCH(QList<int>, counts);
    EmbeddedEntities oneByOne = threeCaptures();
    EmbeddedEntities batch = threeCaptures();
    QList<EmbeddedEntity> all;
    for (qsizetype i = 0; i < positions.size(); ++i) {
        QList<EmbeddedEntity> replacement;
        for (int ordinal = 0; ordinal < counts.at(i); ++ordinal)
            replacement.append(entity(positions.at(i), quint32(10 + ordinal)));
        oneByOne.replace(positions.at(i), replacement);
        all.append(replacement);
    }
    batch.replace(positions, all);
    QCOMPARE(spell(batch.all()), spell(oneByOne.all()));
    for (quint32 position = 0; position < 10; ++position)
        QCOMPARE(spell(batch.of(position)), spell(oneByOne.of(position)));
}

QTEST_GUILESS_MAIN(TestEmbeddedEntities)
#include "tst_embeddedentities.moc"
