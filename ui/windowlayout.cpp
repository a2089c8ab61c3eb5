#include "windowlayout.h"

#include "panes/captures/capturetableview.h"
#include "panes/events/eventpane.h"

#include <QAction>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

void WindowLayout::restore() const {
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    window->restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    window->restoreState(settings.value(QStringLiteral("state")).toByteArray());
    mainSplitter->restoreState(settings.value(QStringLiteral("mainSplitter")).toByteArray());
    listSplitter->restoreState(settings.value(QStringLiteral("listSplitter")).toByteArray());
    table->restoreHeaderState(settings.value(QStringLiteral("captureHeader")).toByteArray());
    events->restoreListHeaderState(settings.value(QStringLiteral("eventHeader")).toByteArray());
    events->setFlat(settings.value(QStringLiteral("eventsAsList"), true).toBool());
    followNewest->setChecked(settings.value(QStringLiteral("followNewest"), false).toBool());
    showFilters->setChecked(settings.value(QStringLiteral("showFilters"), true).toBool());
    settings.endGroup();
}

void WindowLayout::save() const {
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    settings.setValue(QStringLiteral("geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("state"), window->saveState());
    settings.setValue(QStringLiteral("mainSplitter"), mainSplitter->saveState());
    settings.setValue(QStringLiteral("listSplitter"), listSplitter->saveState());
    settings.setValue(QStringLiteral("captureHeader"), table->headerState());
    settings.setValue(QStringLiteral("eventHeader"), events->listHeaderState());
    settings.setValue(QStringLiteral("eventsAsList"), events->isFlat());
    settings.setValue(QStringLiteral("followNewest"), followNewest->isChecked());
    settings.setValue(QStringLiteral("showFilters"), showFilters->isChecked());
    settings.endGroup();
}
