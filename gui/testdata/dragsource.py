#!/usr/bin/python3
"""LogoDesk's drag source for the real-window test (gui/window_test.go).

A small GTK window at the top-left corner of the screen offers the files named on
the command line as text/uri-list, the way a file manager does; xdotool then
drags from it onto the LogoDesk window (a real XDND drop under Xvfb).

It prints "ready" once its window is drawn (so the test waits on that, not on
a timer), "sent N" when the drop target has taken the files, and quits when the
drag ends or after 60 seconds, whichever comes first.
"""
import pathlib
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

uris = [pathlib.Path(p).resolve().as_uri() for p in sys.argv[1:]]
if not uris:
    sys.exit("usage: dragsource.py FILE...")


def say(line):
    print(line, flush=True)


def on_map(widget, _event):
    # "ready" after the first frame is painted on the server: a press then starts a drag.
    clock = widget.get_frame_clock()

    def painted(c):
        c.disconnect(handler)
        GLib.idle_add(lambda: say("ready") and False)

    handler = clock.connect("after-paint", painted)
    widget.queue_draw()
    return False


def on_data_get(_widget, _ctx, data, _info, _time):
    data.set_uris(uris)
    say("sent %d" % len(uris))


win = Gtk.Window(title="logodesk-dragsource")
win.move(0, 0)
win.set_default_size(120, 120)
box = Gtk.EventBox()
box.add(Gtk.Label(label="drag me"))
box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()
box.connect("drag-data-get", on_data_get)
box.connect("drag-end", lambda *_: Gtk.main_quit())
win.connect("map-event", on_map)
win.connect("destroy", Gtk.main_quit)
win.add(box)
win.show_all()
GLib.timeout_add_seconds(60, Gtk.main_quit)  # never outlive a test that gave up
Gtk.main()
