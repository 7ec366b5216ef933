"""The RBD (Rol Base de Datos) check digit: the same modulo-11 rule as a RUT."""


def rbd_check_digit(rbd: int) -> str:
    """'0'-'9' or 'K' for a positive RBD."""
    if rbd <= 0:
        raise ValueError("RBD must be positive")
    total, factor = 0, 2
    while rbd:
        total += (rbd % 10) * factor
        rbd //= 10
        factor = factor + 1 if factor < 7 else 2
    remainder = 11 - total % 11
    return {11: "0", 10: "K"}.get(remainder, str(remainder))


def rbd_is_valid(rbd: int, check_digit: str) -> bool:
    return rbd > 0 and rbd_check_digit(rbd) == check_digit.strip().upper()


def format_rbd(rbd: int, check_digit: str) -> str:
    return f"{rbd}-{check_digit}"
