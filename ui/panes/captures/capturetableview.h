#pragma once

#include "panes/livetableview.h"

class CaptureDecoration;
class CaptureFilterProxy;
class EmptyStateOverlay;

/**
 * The capture list: CaptureFilterProxy → CaptureDecoration → a QTableView with
 * uniform row heights and no per-row widgets (fast at a million rows). Columns sort
 * (through the proxy), resize, move and hide (header context menu); the layout is
 * saved with headerState(). Ctrl+C copies the current cell's text.
 *
 * While rows arrive, the rows on screen and the selection hold still (rows inserted
 * above the top are compensated), unless follow-newest is on: then the newest capture
 * is scrolled to and, optionally, selected. With no captures, the listener URL and a
 * curl example are shown over the empty table.
 */
class CaptureTableView : public LiveTableView {
    Q_OBJECT

public:
    explicit CaptureTableView(CaptureFilterProxy *proxy, QWidget *parent = nullptr);

    CaptureFilterProxy *proxy() const { return m_proxy; }
    CaptureDecoration *decoration() const { return m_decoration; }
    EmptyStateOverlay *emptyState() const { return m_empty; }

    /// The capture id of the current row, or 0.
    qint64 currentCaptureId() const;
    /// Capture ids of the selected rows, in view order.
    QList<qint64> selectedCaptureIds() const;
    /// Makes the capture current and visible; false when it is filtered out.
    bool selectCapture(qint64 captureId);

    void setFollowNewest(bool follow);
    bool followsNewest() const { return m_follow; }
    /// While following, also select the newest capture (the detail pane shows it).
    void setSelectNewest(bool select) { m_selectNewest = select; }
    void scrollToNewest();

    QByteArray headerState() const;
    bool restoreHeaderState(const QByteArray &state);
    /// Text of the current cell (what Ctrl+C copies).
    QString currentCellText() const;
    void copyCurrentCell();

Q_SIGNALS:
    /// The current row changed to a capture (0: none).
    void captureSelected(qint64 captureId);

protected:
    void rowsArrived(int first, int last) override;
    bool followsArrivals() const override { return m_follow; }
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showHeaderMenu(const QPoint &at);
    void updateEmptyState();

    CaptureFilterProxy *m_proxy;
    CaptureDecoration *m_decoration;
    EmptyStateOverlay *m_empty;
    bool m_follow = false;
    bool m_selectNewest = false;
    qint64 m_lastEmitted = -1;
};
