from .capture import Recorder


def main():
    rec = Recorder("/dev/video0")
    rec.start()
    rec.wait()


if __name__ == "__main__":
    main()
