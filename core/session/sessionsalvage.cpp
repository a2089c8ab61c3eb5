#include "sessionsalvage.h"

#include "tablesalvager.h"

#include "fileoperations.h"
#include "sessionfile.h"
#include "sessionschema.h"
#include "sqlitedatabase.h"
#include "text/countedtext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>

#include <algorithm>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace {

/// The meta rows that still read, except the format version (the target's own); false
/// when the table could not be read to its end.
bool copyMeta(SqliteDatabase &source, SqliteDatabase &target) {
    SqliteStatement read = source.prepare("SELECT key, value FROM meta", nullptr);
    SqliteStatement write =
        target.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", nullptr);
    if (!read.isValid() || !write.isValid())
        return false;
    SqliteStatement::Step step;
    while ((step = read.step()) == SqliteStatement::Step::Row) {
        const QString key = read.columnText(0);
        if (key == "format_version"_L1 || key == "clean_shutdown"_L1)
            continue;
        sqlite3_bind_value(write.handle(), 1, sqlite3_column_value(read.handle(), 0));
        sqlite3_bind_value(write.handle(), 2, sqlite3_column_value(read.handle(), 1));
        write.run();
        write.reset();
    }
    return step == SqliteStatement::Step::Done;
}

/// Ids of the captures in db that have no payload row, as ranges.
QList<SessionSalvage::SkippedKeys> capturesWithoutPayload(SqliteDatabase &db) {
    QList<SessionSalvage::SkippedKeys> ranges;
    SqliteStatement lost = db.prepare("SELECT id FROM captures WHERE id NOT IN "
                                      "(SELECT capture_id FROM payloads) ORDER BY id",
                                      nullptr);
    while (lost.isValid() && lost.step() == SqliteStatement::Step::Row) {
        const qint64 id = lost.columnInt(0);
        if (!ranges.isEmpty() && ranges.last().last == id - 1)
            ranges.last().last = id;
        else
            ranges.append({id, id});
    }
    return ranges;
}

/// "3, 7–9, 12 onwards and 4 more stretches" for the user.
QString rangesText(const QList<SessionSalvage::SkippedKeys> &ranges, const QLocale &locale) {
    constexpr qsizetype Shown = 5;
    QStringList parts;
    for (const SessionSalvage::SkippedKeys &keys : ranges.first(qMin(ranges.size(), Shown))) {
        parts.append(keys.last < 0 ? u"%1 onwards"_s.arg(locale.toString(keys.first))
                     : keys.first == keys.last
                         ? locale.toString(keys.first)
                         : u"%1–%2"_s.arg(locale.toString(keys.first), locale.toString(keys.last)));
    }
    if (ranges.size() > Shown)
        parts.append(u"%1 more stretches"_s.arg(ranges.size() - Shown));
    return parts.join(u", "_s);
}

qint64 highestCaptureId(SqliteDatabase &source) {
    for (const char *sql : {"SELECT max(id) FROM captures", "SELECT max(capture_id) FROM payloads",
                            "SELECT max(capture_id) FROM analyses"}) {
        const qint64 highest = source.queryInt(sql, -1);
        if (highest > 0)
            return highest;
    }
    return 0;
}

} // namespace

namespace SessionSalvage {

Report salvage(const QString &source, const QString &target, const Progress &progress) {
    Report report;
    if (FileOperations::sameFile(source, target)) {
        report.error = u"Cannot salvage %1 into itself"_s.arg(source);
        return report;
    }
    if (SessionFile::isInUse(target)) {
        report.error =
            u"Cannot replace %1: it is open in another window or instance of the app"_s.arg(target);
        return report;
    }
    SqliteDatabase from;
    if (!from.open(source, SqliteDatabase::Mode::ReadOnly, &report.error) ||
        !SessionSchema::check(from, &report.error))
        return report;
    const QString temporary = FileOperations::createTemporaryBeside(target, &report.error);
    if (temporary.isEmpty())
        return report;
    SqliteDatabase to;
    const auto abandon = [&] {
        to.close();
        QFile::remove(temporary);
        FileOperations::removeSideFiles(temporary);
        return report;
    };
    // The temporary file is synced once, before the rename: nothing to protect before.
    if (!to.open(temporary, SqliteDatabase::Mode::ReadWrite, &report.error) ||
        !SessionSchema::create(to, &report.error) ||
        !to.exec("PRAGMA synchronous = OFF; BEGIN", &report.error))
        return abandon();

    TableSalvager salvager(from, to, progress, report);
    salvager.setKeyHint(highestCaptureId(from));
    using Table = TableSalvager::Table;
    for (const Table &table : {Table{"captures", "id", false, false, 0, 100},
                               Table{"payloads", "capture_id", true, true, 100, 900},
                               Table{"analyses", "capture_id", true, false, 900, 990}}) {
        if (!salvager.copy(table))
            return abandon();
    }
    if (!copyMeta(from, to)) {
        report.metaDamaged = true;
        ++report.damagedStretches;
    }
    report.withoutPayloadIds = capturesWithoutPayload(to);
    for (const SkippedKeys &keys : std::as_const(report.withoutPayloadIds))
        report.withoutPayload += keys.last - keys.first + 1;
    report.withoutAnalysis = to.queryInt("SELECT count(*) FROM captures WHERE id NOT IN "
                                         "(SELECT capture_id FROM analyses)",
                                         0);
    if (!to.exec("COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", &report.error))
        return abandon();
    to.close();
    from.close();
    FileOperations::removeSideFiles(temporary);
    if (!FileOperations::syncPath(temporary, false, &report.error) ||
        !FileOperations::replaceSession(temporary, target, &report.error))
        return abandon();
    FileOperations::syncPath(QFileInfo(target).absolutePath(), true, nullptr);
    if (progress)
        progress(1000);
    report.ok = true;
    return report;
}

QString Report::summary(const QString &source, const QString &target, const QLocale &locale) const {
    const auto counted = [&](qint64 count, const char *one, const char *many) -> QString {
        return locale.toString(count) + u' ' +
               CountedText::noun(count, QLatin1StringView(one), QLatin1StringView(many));
    };
    const auto native = [](const QString &path) {
        return QDir::toNativeSeparators(path);
    };
    QString text = u"Salvaged %1 from %2 into %3."_s.arg(counted(captures, "capture", "captures"),
                                                         native(source), native(target));
    if (damagedStretches == 0 && withoutPayload == 0 && withoutAnalysis == 0)
        return text + u" No damaged page was met: everything was copied."_s;
    if (damagedStretches == 0)
        text += u" No damaged page was met."_s;
    if (!skipped.isEmpty()) {
        qint64 hidden = 0;
        bool toTheEnd = false;
        for (const SkippedKeys &keys : skipped) {
            toTheEnd = toTheEnd || keys.last < 0;
            hidden += keys.last < 0 ? 0 : keys.last - keys.first + 1;
        }
        text += u" Damaged pages hid the list rows of capture ids %1."_s.arg(
            rangesText(skipped, locale));
        if (rebuilt > 0)
            text += u" %1 rebuilt from the stored request; %2 remote address and response "
                    "status are unknown."_s.arg(counted(rebuilt, "capture was", "captures were"),
                                                rebuilt == 1 ? u"its"_s : u"their"_s);
        text += toTheEnd ? u" Captures in those stretches whose request was damaged too are "
                           "lost."_s
                         : u" At most %1 lost."_s.arg(counted(std::max<qint64>(hidden - rebuilt, 0),
                                                              "capture is", "captures are"));
    }
    if (withoutPayload > 0)
        text += u" The request and body of %1 (%2) could not be read; %3 listed as damaged."_s.arg(
            counted(withoutPayload, "capture", "captures"),
            (withoutPayload == 1 ? u"id "_s : u"ids "_s) + rangesText(withoutPayloadIds, locale),
            withoutPayload == 1 ? u"it is"_s : u"they are"_s);
    if (withoutAnalysis > 0)
        text += u" %1 will be analysed again when the file is opened."_s.arg(
            counted(withoutAnalysis, "capture", "captures"));
    if (metaDamaged)
        text += u" The session's own details (such as when it was created) were on a damaged "
                "page; the new file has its own."_s;
    if (orphans > 0)
        text += u" %1 belonged to captures lost altogether, and could not be kept."_s.arg(
            counted(orphans, "analysis", "analyses"));
    return text;
}

} // namespace SessionSalvage
