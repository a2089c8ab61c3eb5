#pragma once

#include "models/capturefilter.h"
#include "panes/livetableview.h"

#include <QWidget>

class CaptureStore;
class EventListModel;
class EventTreeModel;
class QStackedWidget;
class QToolButton;
class QTreeView;
class QLabel;

/**
 * The events of the shown captures, as a flat list (one row per event: what a Mews
 * developer usually wants) or as a tree (capture → events → embedded entity), with a
 * toggle between the two. Follows the capture list's filter (setFilter()); selecting a
 * row asks the detail pane to show that capture, event or entity.
 */
class EventPane : public QWidget {
    Q_OBJECT

public:
    explicit EventPane(CaptureStore *store, QWidget *parent = nullptr);

    void setFilter(const CaptureFilter &filter);
    void setFlat(bool flat);
    bool isFlat() const { return m_flat; }

    EventListModel *listModel() const { return m_listModel; }
    EventTreeModel *treeModel() const { return m_treeModel; }
    LiveTableView *listView() const { return m_list; }
    QTreeView *treeView() const { return m_tree; }
    QByteArray listHeaderState() const;
    void restoreListHeaderState(const QByteArray &state);

Q_SIGNALS:
    void flatChanged(bool flat);
    void captureActivated(qint64 captureId);
    void eventActivated(qint64 captureId, int eventIndex);
    /// An embedded entity: entityIndex into MewsAnalysis::entities.
    void entityActivated(qint64 captureId, int entityIndex);

private:
    void listRowChanged(const QModelIndex &current);
    void treeRowChanged(const QModelIndex &current);
    void updateTitle();

    CaptureStore *m_store;
    EventListModel *m_listModel;
    EventTreeModel *m_treeModel;
    QLabel *m_title;
    QToolButton *m_listButton;
    QToolButton *m_treeButton;
    QStackedWidget *m_stack;
    LiveTableView *m_list;
    QTreeView *m_tree;
    bool m_flat = true;
};
