#pragma once

class CaptureTableView;
class EventPane;
class QAction;
class QMainWindow;
class QSplitter;

/**
 * What of the window's layout is remembered in QSettings (group "window"): its geometry
 * and state, both splitters, the capture and event columns, the event view's form, and
 * the follow-newest and show-filters toggles. Every pointer must outlive it.
 */
struct WindowLayout {
    QMainWindow *window = nullptr;
    QSplitter *mainSplitter = nullptr;
    QSplitter *listSplitter = nullptr;
    CaptureTableView *table = nullptr;
    EventPane *events = nullptr;
    QAction *followNewest = nullptr;
    QAction *showFilters = nullptr;

    /// Applies what was saved; what was never saved keeps its current form, except the
    /// event view, which is a flat list by default.
    void restore() const;
    void save() const;
};
