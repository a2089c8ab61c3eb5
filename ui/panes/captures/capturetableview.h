#pragma once

#include "copysource.h"
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
 *
 * A new filter keeps the selected capture selected and in view when it passes. One it
 * hides stays the selection to come back to (as in Wireshark): nothing is current
 * meanwhile, captureSelected() is not emitted, and when a later filter or a search
 * match shows it again it is current again. Only a new session forgets it.
 */
class CaptureTableView : public LiveTableView, public CopySource {
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
    /// No row selected, and no hidden selection to come back to.
    void clearCurrent();

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
    /// The right-click menu: copy, then onCapture (what acts on the capture shown), a
    /// separator and onSelection. copy's enabled state follows the current row while the
    /// table has the window's focus: a click gives the focus before it makes its row current.
    void setRowActions(QAction *copy, const QList<QAction *> &onCapture,
                       const QList<QAction *> &onSelection);
    bool canCopySelection() const override { return currentIndex().isValid(); }
    void copySelection() override { copyCurrentCell(); }

Q_SIGNALS:
    /// The current row changed to a capture (0: none).
    void captureSelected(qint64 captureId);
    /// A filter hides the selected capture (it is selected again when shown).
    void selectedCaptureHidden(qint64 captureId);
    /// The capture selectedCaptureHidden() named is in the table again, and selected.
    void selectedCaptureShown(qint64 captureId);

protected:
    void rowsArrived(int first, int last) override;
    bool followsArrivals() const override { return m_follow; }
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showHeaderMenu(const QPoint &at);
    void updateEmptyState();
    void rememberSelection();
    void restoreSelection();
    /// Makes row current and selected again (with the rows in m_alsoSelected), unannounced.
    void reselect(int row);

    /// At most this many selected rows are selected again after a filter; beyond it,
    /// only the current row (finding each costs a look-up).
    static constexpr qsizetype MaxReselected = 1000;

    CaptureFilterProxy *m_proxy;
    CaptureDecoration *m_decoration;
    EmptyStateOverlay *m_empty;
    bool m_follow = false;
    bool m_selectNewest = false;
    qint64 m_lastEmitted = -1;
    qint64 m_selected = 0;          ///< the capture picked last, even while a filter hides it
    bool m_selectedHidden = false;  ///< selectedCaptureHidden() was the last word on m_selected
    QList<qint64> m_alsoSelected;   ///< the other selected captures, while the model resets
    int m_selectedColumn = 0;       ///< the current column, while the model resets
    bool m_sessionReplaced = false; ///< the reset under way is a new session, not a filter
};
